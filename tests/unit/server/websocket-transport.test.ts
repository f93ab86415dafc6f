import { describe, expect, it, vi } from 'vitest';
import type { WireMessage } from '../../../src/shared/rpc/wire';
import { createWebSocketTransport, type SocketEvent } from '../../../src/shared/rpc/websocket-transport';

/** A socket double with the EventTarget-style API (as in browsers and `ws`). */
function eventSocket(readyState = 0) {
  const listeners = new Map<string, ((event: SocketEvent) => void)[]>();
  const socket = {
    readyState,
    sent: [] as string[],
    closedWith: null as null | [number | undefined, string | undefined],
    send(data: string) {
      this.sent.push(data);
    },
    close(code?: number, reason?: string) {
      this.closedWith = [code, reason];
    },
    addEventListener(type: 'open' | 'message' | 'close', listener: (event: SocketEvent) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    fire(type: string, event: SocketEvent = {}) {
      if (type === 'open') this.readyState = 1;
      if (type === 'close') this.readyState = 3;
      for (const listener of listeners.get(type) ?? []) listener(event);
    },
  };
  return socket;
}

const request: WireMessage = { kind: 'request', id: 1, method: 'app.info', params: {} };

describe('createWebSocketTransport', () => {
  it('queues messages sent while connecting and flushes them in order on open', () => {
    const socket = eventSocket(0);
    const transport = createWebSocketTransport(socket);
    transport.send(request);
    transport.send({ ...request, id: 2 });
    expect(socket.sent).toEqual([]);
    socket.fire('open');
    expect(socket.sent.map((frame) => JSON.parse(frame).id)).toEqual([1, 2]);
    transport.send({ ...request, id: 3 });
    expect(socket.sent).toHaveLength(3);
  });

  it('delivers valid JSON wire messages and drops anything else', () => {
    const socket = eventSocket(1);
    const invalid = vi.fn();
    const transport = createWebSocketTransport(socket, { onInvalidMessage: invalid });
    const received: WireMessage[] = [];
    const off = transport.onMessage((message) => received.push(message));
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: 1, result: 42 }) });
    socket.fire('message', {
      data: new TextEncoder().encode(JSON.stringify({ kind: 'event', stream: 's', payload: 1 })),
    });
    socket.fire('message', { data: 'not json' });
    socket.fire('message', { data: JSON.stringify({ kind: 'bogus' }) });
    expect(received).toEqual([
      { kind: 'result', id: 1, result: 42 },
      { kind: 'event', stream: 's', payload: 1 },
    ]);
    expect(invalid).toHaveBeenCalledTimes(2);
    off();
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: 2, result: 0 }) });
    expect(received).toHaveLength(2);
  });

  it('reports the close once and drops later sends', () => {
    const socket = eventSocket(1);
    const onClose = vi.fn();
    const transport = createWebSocketTransport(socket, { onClose });
    socket.fire('close', { code: 1006, reason: '' });
    socket.fire('close', { code: 1006, reason: '' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledWith({ code: 1006, reason: '' });
    transport.send(request);
    expect(socket.sent).toEqual([]);
  });

  it('closes the socket on close() and stops delivering', () => {
    const socket = eventSocket(1);
    const transport = createWebSocketTransport(socket);
    const handler = vi.fn();
    transport.onMessage(handler);
    transport.close();
    expect(socket.closedWith).toEqual([1000, 'closed']);
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: 1, result: 1 }) });
    expect(handler).not.toHaveBeenCalled();
  });

  it('works with sockets that only have on* handler properties, keeping existing handlers', () => {
    const earlier = vi.fn();
    const socket: {
      readyState: number;
      send: (data: string) => void;
      close: () => void;
      onmessage?: unknown;
      onopen?: unknown;
      onclose?: unknown;
    } = { readyState: 1, send: vi.fn(), close: vi.fn(), onmessage: earlier };
    const transport = createWebSocketTransport(socket);
    const handler = vi.fn();
    transport.onMessage(handler);
    (socket.onmessage as (event: SocketEvent) => void)({
      data: JSON.stringify({ kind: 'result', id: 7, result: null }),
    });
    expect(earlier).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ kind: 'result', id: 7, result: null });
  });
});
