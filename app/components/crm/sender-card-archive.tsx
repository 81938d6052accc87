'use client';

/**
 * The slot for the sender card's "recent archived mail" (issue 12, "Sender card"): the archive work
 * lists the latest documents archived to these persons and companies here. Renders nothing yet.
 */
export function SenderCardArchive(props: { personIds: string[]; companyIds: string[] }) {
  void props;
  return null;
}
