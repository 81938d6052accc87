export * from './deployment-settings.ts';
export * from './sessions.ts';
export * from './tenants.ts';
