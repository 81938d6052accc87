// oidc-provider 9 ships no types (DefinitelyTyped's @types/oidc-provider is not installed): only
// the part e2e/oauth-stack uses, checked against node_modules/oidc-provider/lib/provider.js.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface InteractionDetails {
    uid: string;
    prompt: { name: 'login' | 'consent' | string; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id?: string; scope?: string };
    session?: { accountId?: string };
    grantId?: string;
  }

  interface Grant {
    accountId: string;
    clientId: string;
    jti: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  interface GrantModel {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
    adapter: { destroy(id: string): Promise<void> };
  }

  interface TokenModel {
    revokeByGrantId(grantId: string): Promise<void>;
  }

  class Prompt {
    constructor(options: { name: string; requestable?: boolean });
  }
  export const interactionPolicy: {
    Prompt: typeof Prompt;
    base(): Prompt[] & { add(prompt: Prompt, index?: number): void };
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    readonly Grant: GrantModel;
    readonly AccessToken: TokenModel;
    readonly RefreshToken: TokenModel;
    readonly AuthorizationCode: TokenModel;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: 'grant.saved', listener: (grant: Grant) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
