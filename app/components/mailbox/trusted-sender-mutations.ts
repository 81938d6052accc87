import { gql, type TypedDocumentNode } from '@apollo/client';

/** graphql/trusted-image-senders.ts: "Always show images from <sender>", per user. */
export interface TrustedImageSenderView {
  address: string;
  createdAt: string;
}

export const TRUSTED_IMAGE_SENDERS: TypedDocumentNode<{ trustedImageSenders: TrustedImageSenderView[] }> = gql`
  query TrustedImageSenders {
    trustedImageSenders {
      address
      createdAt
    }
  }
`;

export const TRUST_IMAGE_SENDER: TypedDocumentNode<{ trustImageSender: TrustedImageSenderView }, { address: string }> = gql`
  mutation TrustImageSender($address: String!) {
    trustImageSender(address: $address) {
      address
      createdAt
    }
  }
`;

export const UNTRUST_IMAGE_SENDER: TypedDocumentNode<{ untrustImageSender: boolean }, { address: string }> = gql`
  mutation UntrustImageSender($address: String!) {
    untrustImageSender(address: $address)
  }
`;
