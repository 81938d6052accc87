'use client';
import { useMemo } from 'react';
import { ArchiveMark } from './archive-mark';
import { useArchiveMarks } from './use-archive-marks';

/** The open message's "archived to …" line under the reader's headers, live like the rows'. */
export function ReaderArchiveMark({ messageId }: { messageId: string }) {
  const ids = useMemo(() => [messageId], [messageId]);
  const marks = useArchiveMarks(ids);
  return <ArchiveMark mark={marks.get(messageId)} />;
}
