'use client';
import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { TRUST_IMAGE_SENDER, UNTRUST_IMAGE_SENDER } from './trusted-sender-mutations';

/**
 * Trust or untrust a sender's images. Every opened message in the cache may be from that sender,
 * so the cached `message(id)` answers are dropped: the open one is fetched again (now with its
 * new `imagesTrusted`), the others when they are opened next.
 */
export function useImageSenderTrust() {
  const [trust, trusting] = useMutation(TRUST_IMAGE_SENDER, {
    refetchQueries: ['TrustedImageSenders'],
    update: forgetOpenedMessages,
  });
  const [untrust, untrusting] = useMutation(UNTRUST_IMAGE_SENDER, {
    refetchQueries: ['TrustedImageSenders'],
    update: forgetOpenedMessages,
  });
  return {
    trust: (address: string) => trust({ variables: { address } }),
    untrust: (address: string) => untrust({ variables: { address } }),
    busy: trusting.loading || untrusting.loading,
  };
}

function forgetOpenedMessages(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'message' });
  cache.gc();
}
