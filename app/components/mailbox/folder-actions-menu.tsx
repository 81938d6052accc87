'use client';
import { useTranslations } from 'next-intl';
import { MenuButton } from '../menu-button';

/** The "Folder actions" menu button of one user folder: Rename, Delete (menu-button.tsx). */
export function FolderActionsMenu({
  describedBy,
  onRename,
  onDelete,
}: {
  /** The id of the folder's name beside it: the button is "Folder actions", described by the folder. */
  describedBy: string;
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations('folders');
  return (
    <MenuButton
      // Named "Folder actions" without the folder's name, so that a folder's own button stays the
      // only one whose name contains it (and is found by it); the folder is the description.
      label={t('actions')}
      describedBy={describedBy}
      className="folder-menu"
      buttonClassName="folder-menu-button"
      items={[
        { label: t('rename'), onSelect: onRename },
        { label: t('delete'), onSelect: onDelete },
      ]}
    />
  );
}
