import { EventEmitter } from 'node:events';
import { makeSubscription, type EventBus } from './event-bus.ts';

/** The single-process bus (embedded PGlite): an EventEmitter, nothing crosses processes. */
export function createInProcessBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open subscription; no leak warning
  return {
    async publish(topic, payload) {
      emitter.emit(topic, payload);
    },
    subscribe<T>(topic: string) {
      return makeSubscription<T>((push) => {
        emitter.on(topic, push);
        return () => emitter.off(topic, push);
      });
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
