/**
 * Runs in the inbox page (Playwright `addInitScript`): times each click on a message row until the
 * reader shows that message's body, by the page's own clock (`event.timeStamp` and
 * `performance.now()` share the page's time origin), so no Playwright round trip is counted.
 *
 * Shown means: the reader's subject is the clicked row's, and its body is in the DOM — the
 * plain-text block, "no body", or the sandboxed HTML frame (an opaque origin: the page cannot look
 * inside, but its `load` event for the new srcdoc says the document is parsed, its data: and cid:
 * images included). The time taken is the next
 * animation frame after that, when the browser paints it.
 */
export function installOpenTimer(): void {
  const w = window as unknown as { __opens: number[]; __openFailures: string[]; __openDebug: () => unknown };
  w.__opens = [];
  w.__openFailures = [];
  let pending: { start: number; subject: string; frameDoc: string | null } | null = null;
  /** The srcdoc of the last mail frame whose document loaded since the click. */
  let loadedDoc: string | null = null;

  w.__openDebug = () => ({
    pending: pending && { ...pending, frameDoc: pending.frameDoc?.length },
    loadedDoc: loadedDoc?.length,
  });
  const finish = () => {
    const open = pending;
    if (!open) return;
    pending = null;
    loadedDoc = null;
    requestAnimationFrame((paint) => w.__opens.push(paint - open.start));
  };
  const check = () => {
    if (!pending) return;
    const reader = document.querySelector('article.reader');
    const subject = reader?.querySelector('.reader-subject')?.textContent ?? null;
    if (!reader || subject === null || !pending.subject.startsWith(subject)) return;
    const frame = reader.querySelector<HTMLIFrameElement>('iframe.mail-frame');
    if (frame) {
      const doc = frame.getAttribute('srcdoc');
      if (doc !== pending.frameDoc && doc === loadedDoc) finish();
      return;
    }
    if (reader.querySelector('.mail-text') || reader.querySelector('p.muted')) finish();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['srcdoc'],
  });
  // `load` does not bubble, but a capturing listener on the document sees it; it may fire while
  // React inserts the frame, before a MutationObserver callback could attach a listener.
  document.addEventListener(
    'load',
    (event) => {
      const frame = event.target as Element;
      if (!pending || !(frame instanceof HTMLIFrameElement) || !frame.matches('article.reader iframe.mail-frame')) return;
      loadedDoc = frame.getAttribute('srcdoc');
      check();
    },
    { capture: true },
  );
  document.addEventListener(
    'click',
    (event) => {
      const row = (event.target as Element).closest('ul.messages a');
      if (!row) return;
      if (pending) w.__openFailures.push(`a click before the previous message was shown: ${pending.subject}`);
      const subject = row.querySelector('.subject')?.textContent ?? '';
      pending = {
        start: event.timeStamp,
        subject,
        frameDoc: document.querySelector('article.reader iframe.mail-frame')?.getAttribute('srcdoc') ?? null,
      };
    },
    { capture: true },
  );
}
