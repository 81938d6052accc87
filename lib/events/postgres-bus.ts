import { EventEmitter } from 'node:events';
import { makeSubscription, type EventBus } from './event-bus.ts';

/** The NOTIFY channel every process listens on. */
export const EVENTS_CHANNEL = 'crm_inbox_events';

/** PostgreSQL caps a NOTIFY payload at 8000 bytes; events carry ids, not bodies. */
const MAX_PAYLOAD_BYTES = 7900;

export interface NotifyTransport {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
}

/**
 * The multi-process bus: publish is a NOTIFY, delivery happens when the notification
 * comes back on this process's LISTEN connection. Local subscribers therefore see the
 * same order as remote ones, and an event is never delivered twice.
 */
export async function createPostgresBus(transport: NotifyTransport): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const unlisten = await transport.listen(EVENTS_CHANNEL, (raw) => {
    try {
      const { topic, payload } = JSON.parse(raw) as { topic: string; payload: unknown };
      emitter.emit(topic, payload);
    } catch {
      // A malformed notification from another writer: ignore rather than crash the listener.
    }
  });
  return {
    async publish(topic, payload) {
      const message = JSON.stringify({ topic, payload });
      if (Buffer.byteLength(message) > MAX_PAYLOAD_BYTES) {
        throw new Error(`Event on ${topic} is ${Buffer.byteLength(message)} bytes; NOTIFY allows ${MAX_PAYLOAD_BYTES}`);
      }
      await transport.notify(EVENTS_CHANNEL, message);
    },
    subscribe<T>(topic: string) {
      return makeSubscription<T>((push) => {
        emitter.on(topic, push);
        return () => emitter.off(topic, push);
      });
    },
    async close() {
      emitter.removeAllListeners();
      await unlisten();
    },
  };
}
