'use client';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

const GRAPHQL_PATH = '/api/graphql';

/**
 * Browser: queries and mutations over HTTP (the session cookie rides along; the preflight
 * header satisfies Apollo's CSRF prevention), subscriptions over one graphql-ws socket.
 * Server render: nothing is fetched (`cache-only`); pages show their loading state and
 * fetch once hydrated, so no secret-bearing request is made from Next's process.
 */
export function makeApolloClient(): ApolloClient {
  if (typeof window === 'undefined') {
    return new ApolloClient({
      ssrMode: true,
      cache: new InMemoryCache(),
      link: ApolloLink.empty(),
      defaultOptions: { watchQuery: { fetchPolicy: 'cache-only' } },
    });
  }
  const http = new HttpLink({
    uri: GRAPHQL_PATH,
    credentials: 'same-origin',
    headers: { 'apollo-require-preflight': 'true' },
  });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${GRAPHQL_PATH}`,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    }),
  );
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.split((op) => op.operationType === OperationTypeNode.SUBSCRIPTION, ws, http),
  });
}
