/** Changes to a user's list of mail accounts (ids only: NOTIFY payloads are small). */
export interface MailAccountEvent {
  kind: 'CONNECTED' | 'UPDATED' | 'REMOVED';
  accountId: string;
}

export function mailAccountsTopic(userId: string): string {
  return `user:${userId}:mail-accounts`;
}
