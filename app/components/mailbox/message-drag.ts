/**
 * What a dragged row carries (the contract with the folder pane's drop targets): the message ids
 * as a JSON array under this type, and the subjects as text/plain for anything else it is
 * dropped on (a text editor, another app).
 */
export const MESSAGE_IDS_TYPE = 'application/x-crm-message-ids';

export function setMessageDragData(data: DataTransfer, messages: ReadonlyArray<{ id: string; subject: string }>): void {
  data.effectAllowed = 'move';
  data.setData(MESSAGE_IDS_TYPE, JSON.stringify(messages.map((m) => m.id)));
  data.setData('text/plain', messages.map((m) => m.subject).join('\n'));
}
