/**
 * Subjects of answers and forwards (RFC 5322 §3.6.5: "Re: " once, not "Re: Re: "). Prefixes
 * other clients write in other languages count as the same marker: Outlook's "AW:" (German),
 * "Antw:" (Dutch), "SV:"/"VS:" (Nordic); "Fwd:", "Fw:", "WG:", "Doorst:" for forwards.
 */
const REPLY_PREFIX = /^\s*(?:(?:re|aw|antw|sv|vs)(?:\[\d+\])?\s*:\s*)+/i;
const FORWARD_PREFIX = /^\s*(?:(?:fwd?|wg|doorst|tr)(?:\[\d+\])?\s*:\s*)+/i;

/** "Re: " before the subject, with any reply markers already there taken off first. */
export function replySubject(subject: string): string {
  return `Re: ${subject.replace(REPLY_PREFIX, '').trim()}`.trimEnd();
}

/** "Fwd: " before the subject, with any forward markers already there taken off first. */
export function forwardSubject(subject: string): string {
  return `Fwd: ${subject.replace(FORWARD_PREFIX, '').trim()}`.trimEnd();
}
