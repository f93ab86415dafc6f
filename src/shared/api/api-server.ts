import type { ApiHandlers, EventName, EventPayload } from './contract';
import { methods } from './contract';
import { serveRpc, type ServerMethod } from '../rpc/server';
import type { Transport } from '../rpc/transport';

/** Binds the contract's schemas to the service's handlers and serves them on a transport. */
export function serveApi(
  transport: Transport,
  handlers: ApiHandlers,
  options?: { onInternalError?: (error: unknown, method: string) => void },
): () => void {
  const table: Record<string, ServerMethod> = {};
  for (const name of Object.keys(methods) as (keyof typeof methods)[]) {
    table[name] = { params: methods[name].params, handler: handlers[name] as ServerMethod['handler'] };
  }
  return serveRpc(transport, table, options);
}

/** Sends one event on a transport (the hub decides which transports get it). */
export function emitEvent<E extends EventName>(
  transport: Transport,
  stream: E,
  payload: EventPayload<E>,
): void {
  transport.send({ kind: 'event', stream, payload });
}
