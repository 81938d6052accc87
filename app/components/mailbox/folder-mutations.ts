import { gql, type TypedDocumentNode } from '@apollo/client';

/**
 * Folder management (graphql/mail-folders.ts). Each stores a durable action and returns it; the
 * sync carries it out on the mail server and announces FOLDERS_CHANGED (or ACTION_FAILED) on
 * mailboxChanged, which refetches the accounts and so the folder pane.
 */
interface FolderAction {
  id: string;
  state: string;
  folderPath: string | null;
}

const ACTION_FIELDS = gql`
  fragment FolderActionFields on MailAction {
    id
    state
    folderPath
  }
`;

export const CREATE_FOLDER: TypedDocumentNode<
  { createFolder: FolderAction },
  { accountId: string; name: string; parentId: string | null }
> = gql`
  mutation CreateFolder($accountId: ID!, $name: String!, $parentId: ID) {
    createFolder(accountId: $accountId, name: $name, parentId: $parentId) {
      ...FolderActionFields
    }
  }
  ${ACTION_FIELDS}
`;

export const RENAME_FOLDER: TypedDocumentNode<{ renameFolder: FolderAction }, { folderId: string; name: string }> = gql`
  mutation RenameFolder($folderId: ID!, $name: String!) {
    renameFolder(folderId: $folderId, name: $name) {
      ...FolderActionFields
    }
  }
  ${ACTION_FIELDS}
`;

export const DELETE_FOLDER: TypedDocumentNode<{ deleteFolder: FolderAction }, { folderId: string }> = gql`
  mutation DeleteFolder($folderId: ID!) {
    deleteFolder(folderId: $folderId) {
      ...FolderActionFields
    }
  }
  ${ACTION_FIELDS}
`;
