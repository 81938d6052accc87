import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** A tiny integrator-style client: HTTP alone, with the session cookie kept like a browser would. */
export class GraphQLHttpClient {
  cookie: string | undefined;
  /** Extra request headers (e.g. `x-forwarded-for`, `authorization`), on HTTP and the WebSocket upgrade. */
  headers: Record<string, string> = {};
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.baseUrl}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.getSetCookie()[0];
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return (await response.json()) as GraphQLResult<T>;
  }

  /** Like `request`, but throws on GraphQL errors. */
  async data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** A graphql-ws client on the same port and path, carrying this client's cookie. */
  /** A graphql-ws client with this client's cookie; `options` override the defaults (e.g. `lazy`). */
  ws(options: Partial<ClientOptions> = {}): Client {
    const url = this.baseUrl.replace(/^http/, 'ws') + '/api/graphql';
    const headers = { ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}) };
    return createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      retryAttempts: 0,
      ...options,
    });
  }
}

/** Subscribes and returns a function that waits for the next event. */
export function subscribe<T>(client: Client, query: string) {
  const events: Array<GraphQLResult<T>> = [];
  const waiters: Array<(event: GraphQLResult<T>) => void> = [];
  let failure: unknown;
  const dispose = client.subscribe<T>(
    { query },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter) waiter(value as GraphQLResult<T>);
        else events.push(value as GraphQLResult<T>);
      },
      error: (error) => (failure = error),
      complete: () => {},
    },
  );
  return {
    next(timeoutMs = 10_000): Promise<GraphQLResult<T>> {
      if (failure) return Promise.reject(failure);
      const queued = events.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no subscription event within ' + timeoutMs + ' ms')), timeoutMs);
        waiters.push((event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
    },
    dispose,
  };
}
