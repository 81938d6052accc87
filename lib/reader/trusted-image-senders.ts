import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  countTrustedImageSenders,
  deleteTrustedImageSender,
  insertTrustedImageSender,
  isTrustedImageSender,
  listTrustedImageSenders,
} from '../../db/queries/trusted-image-senders.ts';
import type { TrustedImageSender } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { normalizeSenderAddress } from './normalize-sender-address.ts';

/**
 * The most senders one user may trust. A person clicks "Always show images" by hand: a thousand is
 * far beyond that, and keeps a script from growing the table without end. @default 1000
 */
export const MAX_TRUSTED_IMAGE_SENDERS = 1000;

/**
 * "Always show images from <address>" (issue 10): a per-user list of senders whose messages open
 * with their remote images shown (still through the image proxy). Only the user's own rows are
 * ever read or written: every function takes the viewer's id.
 */
export async function trustImageSender(db: Db, userId: string, raw: string): Promise<TrustedImageSender> {
  const address = normalizeSenderAddress(raw);
  if (
    (await countTrustedImageSenders(db, userId)) >= MAX_TRUSTED_IMAGE_SENDERS &&
    !(await isTrustedImageSender(db, userId, address))
  )
    throw new AppError('BAD_USER_INPUT', {
      field: 'address',
      message: `At most ${MAX_TRUSTED_IMAGE_SENDERS} senders can be trusted; remove some first.`,
    });
  return insertTrustedImageSender(db, userId, address);
}

/** False when the sender was not trusted (nothing to remove). */
export function untrustImageSender(db: Db, userId: string, raw: string): Promise<boolean> {
  return deleteTrustedImageSender(db, userId, normalizeSenderAddress(raw));
}

export function trustedImageSenders(db: Db, userId: string): Promise<TrustedImageSender[]> {
  return listTrustedImageSenders(db, userId);
}

/** Whether the reader shows this message's remote images without asking: its From address is trusted. */
export async function imagesTrusted(db: Db, userId: string, from: string | undefined): Promise<boolean> {
  if (!from) return false;
  let address: string;
  try {
    address = normalizeSenderAddress(from);
  } catch {
    return false; // a From the API would refuse can never have been trusted
  }
  return isTrustedImageSender(db, userId, address);
}
