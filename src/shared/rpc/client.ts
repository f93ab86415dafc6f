import { ApiError } from './errors';
import type { Transport } from './transport';
import { parseWireMessage } from './wire';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: ApiError) => void;
}

/** Generic RPC client: correlates requests and replies by id and fans events out to listeners. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly unsubscribe: () => void;
  /** Why the client was closed; a call after that fails at once (some transports drop sends silently). */
  private closedReason: string | null = null;

  constructor(private readonly transport: Transport) {
    this.unsubscribe = transport.onMessage((raw) => {
      const message = parseWireMessage(raw);
      if (!message) return;
      if (message.kind === 'event') {
        for (const listener of this.listeners.get(message.stream) ?? []) listener(message.payload);
        return;
      }
      if (message.kind === 'request') return;
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (message.kind === 'result') entry.resolve(message.result);
      else entry.reject(ApiError.fromEnvelope(message.error));
    });
  }

  request(method: string, params: unknown): Promise<unknown> {
    if (this.closedReason !== null)
      return Promise.reject(
        new ApiError('transport_closed', `could not send ${method}: ${this.closedReason}`),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.transport.send({ kind: 'request', id, method, params });
      } catch (error) {
        this.pending.delete(id);
        reject(new ApiError('transport_closed', `could not send ${method}: ${String(error)}`));
      }
    });
  }

  subscribe(stream: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(stream);
    if (!set) this.listeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Fails every outstanding call: a closed channel must not leave promises hanging forever. */
  close(reason = 'connection closed'): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.unsubscribe();
    for (const entry of this.pending.values()) entry.reject(new ApiError('transport_closed', reason));
    this.pending.clear();
    this.transport.close();
  }
}
