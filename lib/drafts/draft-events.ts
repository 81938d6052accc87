/** Where a user's draft changes are announced (other tabs refresh their list of drafts). */
export function draftsTopic(userId: string): string {
  return `user:${userId}:drafts`;
}

export interface DraftChanged {
  draftId: string;
  removed: boolean;
}
