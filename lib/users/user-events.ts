/** Events on a tenant's user list (ids only: NOTIFY payloads are small). */
export interface UserEvent {
  kind: 'CREATED';
  userId: string;
}

export function tenantUsersTopic(tenantId: string): string {
  return `tenant:${tenantId}:users`;
}
