import { z } from 'zod';
import { ApiError, toErrorEnvelope } from './errors';
import type { Transport } from './transport';
import type { RequestMessage, WireMessage } from './wire';
import { parseWireMessage } from './wire';

/** A method as the server sees it: a schema for its params and a handler for parsed params. */
export interface ServerMethod {
  params: z.ZodType;
  handler: (params: never) => Promise<unknown>;
}

/**
 * Generic RPC server over one transport. Holds no domain logic: decode, validate against the
 * method's schema, call the handler, encode the result or the error envelope.
 */
export function serveRpc(
  transport: Transport,
  table: Record<string, ServerMethod>,
  options: { onInternalError?: (error: unknown, method: string) => void } = {},
): () => void {
  const reply = (message: WireMessage) => transport.send(message);

  const handle = async (request: RequestMessage): Promise<void> => {
    const entry = Object.prototype.hasOwnProperty.call(table, request.method)
      ? table[request.method]
      : undefined;
    if (!entry) {
      reply({
        kind: 'error',
        id: request.id,
        error: { code: 'unknown_method', message: `unknown method "${request.method}"` },
      });
      return;
    }
    const parsed = entry.params.safeParse(request.params ?? {});
    if (!parsed.success) {
      reply({
        kind: 'error',
        id: request.id,
        error: {
          code: 'bad_request',
          message: `${request.method}: ${describeIssues(parsed.error)}`,
          details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      });
      return;
    }
    try {
      const result = await entry.handler(parsed.data as never);
      reply({ kind: 'result', id: request.id, result: result ?? null });
    } catch (error) {
      if (!(error instanceof ApiError)) options.onInternalError?.(error, request.method);
      reply({ kind: 'error', id: request.id, error: toErrorEnvelope(error) });
    }
  };

  return transport.onMessage((raw) => {
    const message = parseWireMessage(raw);
    if (message?.kind === 'request') void handle(message);
  });
}

/** `schema`'s output for `raw`, or a `bad_request` naming `what` and every issue. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError('bad_request', `${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
