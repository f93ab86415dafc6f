import type { EventName, EventPayload } from '../../shared/api/contract';
import { emitEvent } from '../../shared/api/api-server';
import type { Transport } from '../../shared/rpc/transport';

/** Fans events out to every connected transport (windows, browser tabs, CLI clients). */
export class EventHub {
  private readonly transports = new Set<Transport>();

  attach(transport: Transport): () => void {
    this.transports.add(transport);
    return () => this.transports.delete(transport);
  }

  emit<E extends EventName>(stream: E, payload: EventPayload<E>): void {
    for (const transport of this.transports) {
      try {
        emitEvent(transport, stream, payload);
      } catch {
        // A transport that broke while sending is removed; the others still get the event.
        this.transports.delete(transport);
      }
    }
  }
}
