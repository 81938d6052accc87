import { AppError } from '../errors.ts';

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, angle brackets included. @default 254 */
export const MAX_SENDER_ADDRESS_LENGTH = 254;

/**
 * A sender address as stored for "Always show images": trimmed and lower-cased (the domain is
 * case-insensitive, RFC 5321 §2.4; local parts differ by case in theory only, and a sender who
 * trusted `News@x` expects `news@x` to count). One `@`, something on both sides, no whitespace or
 * control characters. Refused with BAD_USER_INPUT on `address`.
 */
export function normalizeSenderAddress(raw: string): string {
  const refuse = (message: string) => new AppError('BAD_USER_INPUT', { field: 'address', message });
  const address = raw.trim().toLowerCase();
  if (address.length > MAX_SENDER_ADDRESS_LENGTH) throw refuse(`An address is at most ${MAX_SENDER_ADDRESS_LENGTH} characters.`);
  const at = address.lastIndexOf('@');
  // eslint-disable-next-line no-control-regex -- whitespace and control characters are what is refused
  if (at <= 0 || at === address.length - 1 || /[\s\u0000-\u001f\u007f]/.test(address))
    throw refuse('This is not an e-mail address.');
  return address;
}
