/** Who acts in the CRM: every read and write is within `tenantId`; `userId` is recorded as creator. */
export interface CrmScope {
  tenantId: string;
  userId: string | null;
}
