import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from './contract';
import { RpcClient } from '../rpc/client';
import type { Transport } from '../rpc/transport';

/** The typed face of the API for the renderer, the CLI and tests. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(stream: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
}

export function createApiClient(transport: Transport): ApiClient {
  const rpc = new RpcClient(transport);
  return {
    call: (method, params) => rpc.request(method, params) as Promise<never>,
    on: (stream, listener) => rpc.subscribe(stream, listener as (payload: unknown) => void),
    close: () => rpc.close(),
  };
}
