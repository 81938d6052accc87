export * from './deployment-settings.ts';
export * from './sessions.ts';
export * from './tenants.ts';
export * from './mail-accounts.ts';
export * from './messages.ts';
export * from './mail-actions.ts';
export * from './rate-limits.ts';
export * from './trusted-image-senders.ts';
