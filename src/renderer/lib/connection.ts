import { createApiClient, type ApiClient } from '../../shared/api/api-client';
import { createBridgeTransport } from '../../shared/rpc/bridge-transport';
import type { Transport } from '../../shared/rpc/transport';
import { createWebSocketTransport, type WebSocketLike } from '../../shared/rpc/websocket-transport';

/** The one object the Electron preload exposes as `window.datapress`. */
export interface PreloadBridge {
  send(message: unknown): void;
  onMessage(callback: (message: unknown) => void): () => void;
}

export type ConnectionPlan =
  | { kind: 'ipc'; bridge: PreloadBridge }
  | { kind: 'websocket'; url: string }
  | { kind: 'unavailable'; message: string };

interface PageEnvironment {
  datapress?: unknown;
  location: { protocol: string; host: string; hash: string };
}

export function isPreloadBridge(value: unknown): value is PreloadBridge {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PreloadBridge>;
  return typeof candidate.send === 'function' && typeof candidate.onMessage === 'function';
}

/** The session token from the page fragment (`#token=…`); the fragment never reaches the server logs. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[\x21-\x7e]+$/.test(token) ? token : null;
}

/** Electron's preload bridge when present, else the loopback bridge's socket on this page's host. */
export function planConnection(env: PageEnvironment): ConnectionPlan {
  if (env.datapress !== undefined) {
    if (isPreloadBridge(env.datapress)) return { kind: 'ipc', bridge: env.datapress };
    return { kind: 'unavailable', message: 'The desktop bridge (window.datapress) is malformed.' };
  }
  const { protocol, host, hash } = env.location;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return {
      kind: 'unavailable',
      message: 'This page must be opened through `datapress serve` or the desktop app.',
    };
  }
  const token = tokenFromHash(hash);
  if (!token) {
    return {
      kind: 'unavailable',
      message:
        'The address has no session token. Open the full URL that `datapress serve` printed (it ends in #token=…).',
    };
  }
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'websocket', url: `${scheme}//${host}/rpc?token=${encodeURIComponent(token)}` };
}

export interface Connection {
  api: ApiClient;
  /** Fires once if the channel drops; outstanding calls then fail with transport_closed. */
  onClosed(listener: (reason: string) => void): () => void;
}

type SocketFactory = (url: string) => WebSocketLike;

/** Opens the planned channel and wraps it in the typed API client. */
export function openConnection(
  plan: Extract<ConnectionPlan, { kind: 'ipc' | 'websocket' }>,
  openSocket: SocketFactory = (url) => new WebSocket(url),
): Connection {
  const closedListeners = new Set<(reason: string) => void>();
  let closedReason: string | null = null;
  const markClosed = (reason: string) => {
    if (closedReason !== null) return;
    closedReason = reason;
    api.close();
    for (const listener of closedListeners) listener(reason);
  };

  let transport: Transport;
  if (plan.kind === 'ipc') {
    transport = createBridgeTransport(plan.bridge);
  } else {
    transport = createWebSocketTransport(openSocket(plan.url), {
      onClose: ({ code, reason }) =>
        markClosed(
          reason || (code === 1006 ? 'the connection was refused or dropped' : `closed with code ${code}`),
        ),
    });
  }
  const api = createApiClient(transport);
  return {
    api,
    onClosed(listener) {
      if (closedReason !== null) listener(closedReason);
      closedListeners.add(listener);
      return () => closedListeners.delete(listener);
    },
  };
}
