import { describe, expect, it } from 'vitest';
import { isPreloadBridge, planConnection, tokenFromHash } from '../../../src/renderer/lib/connection';

const page = (hash: string, protocol = 'http:', host = '127.0.0.1:4321') => ({
  location: { protocol, host, hash },
});

describe('connection plan', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#x=1&token=deadbeef')).toBe('deadbeef');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#token=has%20space')).toBeNull();
  });

  it('uses the preload bridge when the desktop app provides one', () => {
    const bridge = { send() {}, onMessage: () => () => {} };
    expect(planConnection({ ...page(''), datapress: bridge })).toEqual({ kind: 'ipc', bridge });
    expect(planConnection({ ...page('#token=abc'), datapress: {} }).kind).toBe('unavailable');
    expect(isPreloadBridge(null)).toBe(false);
  });

  it('otherwise connects a socket to /rpc on the page host with the token', () => {
    expect(planConnection(page('#token=abc123'))).toEqual({
      kind: 'websocket',
      url: 'ws://127.0.0.1:4321/rpc?token=abc123',
    });
    expect(planConnection(page('#token=abc', 'https:', 'example.test'))).toEqual({
      kind: 'websocket',
      url: 'wss://example.test/rpc?token=abc',
    });
  });

  it('explains what to do without a token or outside http', () => {
    const noToken = planConnection(page(''));
    expect(noToken.kind).toBe('unavailable');
    expect(noToken.kind === 'unavailable' && noToken.message).toMatch(/#token=/);
    expect(planConnection(page('#token=abc', 'file:')).kind).toBe('unavailable');
  });
});
