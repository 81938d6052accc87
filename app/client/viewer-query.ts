import { gql, type TypedDocumentNode } from '@apollo/client';

export interface ViewerData {
  viewer: {
    isAdmin: boolean;
    user: { id: string; name: string; email: string; role: 'USER' | 'ADMIN'; isOperator: boolean };
    tenant: { id: string; name: string };
  } | null;
}

export const VIEWER: TypedDocumentNode<ViewerData> = gql`
  query Viewer {
    viewer {
      isAdmin
      user {
        id
        name
        email
        role
        isOperator
      }
      tenant {
        id
        name
      }
    }
  }
`;
