import type { Tenant, User } from '../../db/schema/index.ts';

/** The signed-in person a request acts for. */
export interface Viewer {
  user: User;
  tenant: Tenant;
  /** Hash of the session token, so sign-out can end exactly this session. */
  sessionTokenHash: string;
  /** When the session ends by itself: open WebSockets are closed then (issue 8, item 7). */
  sessionExpiresAt: Date;
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.user.role === 'admin' || viewer.user.isOperator;
}
