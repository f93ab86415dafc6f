import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Transport } from '../../shared/rpc/transport';
import { createWebSocketTransport } from '../../shared/rpc/websocket-transport';
import { sendStatus, serveStatic } from './static-files';
import { checkUpgrade, chooseProtocol } from './upgrade-auth';

export interface BridgeOptions {
  /** Anything that serves the API on a transport; returns a function that detaches it. */
  backend: { connect(transport: Transport): () => void };
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** Loopback only: any other value is refused. */
  host?: '127.0.0.1';
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Per-run secret; a random 32-byte hex token when omitted. */
  token?: string;
}

export interface Bridge {
  /** Open this in a browser: http://127.0.0.1:PORT/#token=… */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Requests are small JSON messages; anything bigger is a bug or an attack. */
const MAX_INCOMING_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The loopback bridge for browser use: serves the built renderer and carries the API over a
 * WebSocket at /rpc. Listens on 127.0.0.1 only; the socket needs the per-run token and the
 * server's own Origin.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host: string = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) throw new Error(`the bridge listens on ${LOOPBACK} only, not on "${host}"`);
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length < 16 || !/^[\x21-\x7e]+$/.test(token))
    throw new Error('the bridge token must be 16+ printable characters');

  let port = 0;
  let headers: Record<string, string> = {};
  const origin = () => `http://${LOOPBACK}:${port}`;
  const hostHeader = () => `${LOOPBACK}:${port}`;

  const server = createServer((req, res) => {
    if (req.headers.host !== hostHeader()) {
      sendStatus(res, 403, headers);
      return;
    }
    serveStatic(options.staticDir, req, res, headers).catch(() => {
      if (!res.headersSent) sendStatus(res, 500, headers);
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_INCOMING_MESSAGE_BYTES,
    handleProtocols: (protocols) => chooseProtocol(protocols, token),
  });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(req, { origin: origin(), host: hostHeader(), token });
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    sockets.add(ws);
    let detach: (() => void) | null = null;
    const transport = createWebSocketTransport(ws, {
      onClose: () => {
        sockets.delete(ws);
        detach?.();
        detach = null;
      },
    });
    ws.on('error', () => ws.terminate());
    detach = options.backend.connect(transport);
  };

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(port);

  let closing: Promise<void> | null = null;
  return {
    url: `${origin()}/#token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Headers on every HTTP response: the page may talk only to this server's own socket. */
export function securityHeaders(port: number): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${LOOPBACK}:${port}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function refuseUpgrade(socket: Duplex, status: number): void {
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
