import { gql, type TypedDocumentNode } from '@apollo/client';

/** A mail address as the API gives it (name may be empty). */
export interface MailAddressView {
  name: string;
  address: string;
}

/** One message for the reader: the contract of issue 10's `Query.message` (graphql/message-detail, R1). */
export interface MessageDetail {
  id: string;
  accountId: string;
  folderId: string;
  subject: string;
  from: MailAddressView[];
  to: MailAddressView[];
  cc: MailAddressView[];
  bcc: MailAddressView[];
  replyTo: MailAddressView[];
  sentAt: string | null;
  receivedAt: string;
  seen: boolean;
  flagged: boolean;
  /** As the sender wrote it: never rendered but through sanitizeMailHtml in MailHtmlFrame. */
  html: string | null;
  text: string | null;
  attachments: Array<{
    id: string;
    filename: string | null;
    contentType: string;
    size: number;
    url: string;
    /** Signed inline URL of a small raster image, for a preview; null otherwise. Absent in the test harness. */
    previewUrl?: string | null;
  }>;
  inlineImages: Array<{ contentId: string; url: string }>;
  remoteImages: Array<{ original: string; proxied: string }>;
  sourceUrl: string | null;
  parseError: string | null;
  /** The user chose "Always show images" for the From address. Absent in the test harness. */
  imagesTrusted?: boolean;
}

export const MESSAGE_DETAIL: TypedDocumentNode<{ message: MessageDetail | null }, { id: string }> = gql`
  query MessageDetail($id: ID!) {
    message(id: $id) {
      id
      accountId
      folderId
      subject
      from {
        name
        address
      }
      to {
        name
        address
      }
      cc {
        name
        address
      }
      bcc {
        name
        address
      }
      replyTo {
        name
        address
      }
      sentAt
      receivedAt
      seen
      flagged
      html
      text
      attachments {
        id
        filename
        contentType
        size
        url
        previewUrl
      }
      inlineImages {
        contentId
        url
      }
      remoteImages {
        original
        proxied
      }
      sourceUrl
      parseError
      imagesTrusted
    }
  }
`;
