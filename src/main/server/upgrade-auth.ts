import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Subprotocol a client may offer next to the token; the server then answers with it. */
export const RPC_SUBPROTOCOL = 'datapress-rpc';
export const RPC_PATH = '/rpc';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

/**
 * Decides whether a WebSocket upgrade may proceed. A page from another origin (or a rebound
 * DNS name) cannot pass the Origin/Host checks, and a local process that is not the app's own
 * page does not know the per-run token.
 */
export function checkUpgrade(
  req: IncomingMessage,
  expected: { origin: string; host: string; token: string },
): UpgradeVerdict {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', expected.origin);
  } catch {
    return { ok: false, status: 400, reason: 'malformed request URL' };
  }
  if (url.pathname !== RPC_PATH)
    return { ok: false, status: 404, reason: `no WebSocket endpoint at ${url.pathname}` };
  if (req.headers.host !== expected.host) return { ok: false, status: 403, reason: 'unexpected Host header' };
  if (req.headers.origin !== expected.origin)
    return { ok: false, status: 403, reason: 'unexpected Origin header' };
  const offered = [url.searchParams.get('token') ?? '', ...offeredProtocols(req)];
  if (!offered.some((candidate) => sameSecret(candidate, expected.token))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

/** The subprotocol to answer with: ours if offered, else the token itself (a browser requires an echo). */
export function chooseProtocol(protocols: Set<string>, token: string): string | false {
  if (protocols.has(RPC_SUBPROTOCOL)) return RPC_SUBPROTOCOL;
  for (const protocol of protocols) if (sameSecret(protocol, token)) return protocol;
  return false;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

function sameSecret(candidate: string, secret: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
