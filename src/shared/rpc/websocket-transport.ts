import type { Transport } from './transport';
import { parseWireMessage, type WireMessage } from './wire';

/**
 * The part of a WebSocket this adapter uses. Both the browser's WebSocket and the `ws`
 * package's WebSocket fit it, so the same code serves the renderer and the Node bridge
 * without importing either environment.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Preferred. Without it, the adapter chains onto `onopen`/`onmessage`/`onclose`. */
  addEventListener?(type: 'open' | 'message' | 'close', listener: (event: SocketEvent) => void): void;
  onopen?: unknown;
  onmessage?: unknown;
  onclose?: unknown;
}

/** The fields the adapter reads from open, message and close events. */
export interface SocketEvent {
  type?: string;
  data?: unknown;
  code?: number;
  reason?: string;
}

export interface WebSocketTransportOptions {
  /** Called once when the socket closes, from either side. */
  onClose?: (info: { code: number; reason: string }) => void;
  /** Called for frames that are not JSON wire messages (they are dropped). */
  onInvalidMessage?: (data: unknown) => void;
}

/** WebSocket ready states (the numbers are fixed by the WebSocket standard). */
const CONNECTING = 0;
const OPEN = 1;

/**
 * Wraps a WebSocket as a Transport: one JSON text frame per wire message. Messages sent while
 * the socket is still connecting are queued and flushed on open; messages sent after close are
 * dropped, as with the other transports. Incoming frames are decoded and validated here, so
 * handlers only ever see well-formed wire messages.
 */
export function createWebSocketTransport(
  socket: WebSocketLike,
  options: WebSocketTransportOptions = {},
): Transport {
  const handlers = new Set<(message: WireMessage) => void>();
  const queue: string[] = [];
  let closed = false;

  const onOpen = () => {
    for (const frame of queue.splice(0)) socket.send(frame);
  };

  const onMessage = (event: SocketEvent) => {
    const message = decode(event.data);
    if (!message) {
      options.onInvalidMessage?.(event.data);
      return;
    }
    for (const handler of [...handlers]) handler(message);
  };

  let ended = false;
  const onClose = (event: SocketEvent) => {
    if (ended) return;
    ended = true;
    closed = true;
    queue.length = 0;
    options.onClose?.({ code: event.code ?? 1006, reason: event.reason ?? '' });
  };

  listen(socket, 'open', onOpen);
  listen(socket, 'message', onMessage);
  listen(socket, 'close', onClose);

  return {
    send(message) {
      if (closed) return;
      const frame = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(frame);
      else if (socket.readyState === CONNECTING) queue.push(frame);
      // CLOSING or CLOSED: the peer is gone; dropping matches the other transports.
    },
    onMessage(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      queue.length = 0;
      socket.close(1000, 'closed');
    },
  };
}

type Handler = (event: SocketEvent) => void;

function listen(socket: WebSocketLike, type: 'open' | 'message' | 'close', listener: Handler): void {
  if (typeof socket.addEventListener === 'function') {
    socket.addEventListener(type, listener);
    return;
  }
  // Objects with only on* properties: chain onto whatever handler is already there.
  const slots = socket as unknown as Record<string, Handler | null | undefined>;
  const key = `on${type}`;
  const previous = slots[key];
  slots[key] = (event: SocketEvent) => {
    if (typeof previous === 'function') previous(event);
    listener(event);
  };
}

function decode(data: unknown): WireMessage | null {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer) text = new TextDecoder().decode(data);
  else if (ArrayBuffer.isView(data)) text = new TextDecoder().decode(data);
  else return null;
  try {
    return parseWireMessage(JSON.parse(text));
  } catch {
    return null;
  }
}
