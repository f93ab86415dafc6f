import type { Transport } from './transport';
import type { WireMessage } from './wire';

/**
 * Two connected in-memory transports (tests, CLI). Messages are cloned through JSON and
 * delivered on a microtask so behaviour matches a real channel: no shared references, no
 * re-entrancy.
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const handlers: [Set<(m: WireMessage) => void>, Set<(m: WireMessage) => void>] = [new Set(), new Set()];
  let closed = false;
  const make = (self: 0 | 1): Transport => ({
    send(message) {
      if (closed) return;
      const copy = JSON.parse(JSON.stringify(message)) as WireMessage;
      queueMicrotask(() => {
        for (const handler of handlers[self === 0 ? 1 : 0]) handler(copy);
      });
    },
    onMessage(handler) {
      handlers[self].add(handler);
      return () => handlers[self].delete(handler);
    },
    close() {
      closed = true;
      handlers[0].clear();
      handlers[1].clear();
    },
  });
  return [make(0), make(1)];
}
