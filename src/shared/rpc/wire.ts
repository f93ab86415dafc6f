import { z } from 'zod';
import { ERROR_CODES } from './errors';

/** The wire format shared by every transport. Plain JSON-compatible objects only. */
export const wireMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), id: z.number().int(), method: z.string(), params: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({
    kind: z.literal('error'),
    id: z.number().int(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
  }),
  z.object({ kind: z.literal('event'), stream: z.string(), payload: z.unknown() }),
]);

export type WireMessage = z.infer<typeof wireMessageSchema>;
export type RequestMessage = Extract<WireMessage, { kind: 'request' }>;

/** Decodes a value received from an untrusted peer; returns null when it is not a wire message. */
export function parseWireMessage(value: unknown): WireMessage | null {
  const parsed = wireMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
