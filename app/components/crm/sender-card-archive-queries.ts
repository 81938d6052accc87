import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ArchivedMailView } from '../search/archive-search-queries';

/** Persons and companies a card asks about at most (several matches of one address are rare). @default 4 */
export const MAX_CARD_TARGETS = 4;
/** The card's list: the most recent archived e-mails. @default 5 */
export const CARD_ARCHIVE_SIZE = 5;

type Target = { kind: 'PERSON' | 'COMPANY'; id: string };
type Data = Record<string, { edges: Array<{ node: ArchivedMailView }> }>;

/**
 * One query for the latest archived e-mails of each target (an alias per target: `t0`, `t1`…):
 * the card needs the newest few across all of them, merged in the page (cardArchive).
 */
export function cardArchiveQuery(targets: readonly Target[]): TypedDocumentNode<Data, Record<string, string>> {
  // One document per shape (the ids are variables): Apollo tells queries apart by reference.
  const shape = targets.map((x) => x.kind).join(',');
  let document = documents.get(shape);
  if (!document) documents.set(shape, (document = buildQuery(targets)));
  return document;
}

const documents = new Map<string, TypedDocumentNode<Data, Record<string, string>>>();

function buildQuery(targets: readonly Target[]): TypedDocumentNode<Data, Record<string, string>> {
  // No target: a valid document all the same (hooks run on every render; the card skips it).
  if (!targets.length) return gql('query SenderCardArchiveNone { __typename }');
  const variables = targets.map((_, i) => `$t${i}: ID!`).join(', ');
  const fields = targets
    .map(
      (target, i) => `t${i}: archivedDocuments(target: { kind: ${target.kind}, id: $t${i} }, first: ${CARD_ARCHIVE_SIZE}) {
        edges { node { id subject date downloadUrl from { name address } targets { kind id name } } }
      }`,
    )
    .join('\n');
  return gql(`query SenderCardArchive(${variables}) { ${fields} }`);
}

/** The newest e-mails across the targets, each once. */
export function cardArchive(data: Data | undefined): ArchivedMailView[] {
  if (!data) return [];
  const all = new Map<string, ArchivedMailView>();
  for (const page of Object.values(data)) for (const edge of page.edges) all.set(edge.node.id, edge.node);
  return [...all.values()].sort((a, b) => b.date.localeCompare(a.date)).slice(0, CARD_ARCHIVE_SIZE);
}

export const CARD_ARCHIVE_CHANGED: TypedDocumentNode<{ archiveChanged: { documentIds: string[] } }> = gql`
  subscription SenderCardArchiveChanged {
    archiveChanged {
      documentIds
    }
  }
`;
