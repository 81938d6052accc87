import { gql, type TypedDocumentNode } from '@apollo/client';

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  role: 'USER' | 'ADMIN';
  isOperator: boolean;
  createdAt: string;
}

const USER_FIELDS = gql`
  fragment AdminUserFields on User {
    id
    name
    email
    role
    isOperator
    createdAt
  }
`;

export const USERS: TypedDocumentNode<{ users: AdminUser[] }> = gql`
  query AdminUsers {
    users {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const CREATE_USER: TypedDocumentNode<
  { createUser: AdminUser },
  { input: { name: string; email: string; password: string; role: 'USER' | 'ADMIN' } }
> = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const USER_EVENTS: TypedDocumentNode<{ userEvents: { kind: 'CREATED'; user: AdminUser } }> = gql`
  subscription AdminUserEvents {
    userEvents {
      kind
      user {
        ...AdminUserFields
      }
    }
  }
  ${USER_FIELDS}
`;
