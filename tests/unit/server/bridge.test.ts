import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { RpcClient } from '../../../src/shared/rpc/client';
import { serveRpc } from '../../../src/shared/rpc/server';
import type { Transport } from '../../../src/shared/rpc/transport';
import { createWebSocketTransport } from '../../../src/shared/rpc/websocket-transport';
import { startBridge, type Bridge } from '../../../src/main/server/bridge';
import { RPC_SUBPROTOCOL } from '../../../src/main/server/upgrade-auth';

/** A stand-in for the real backend: one validated echo method, plus bookkeeping of attachments. */
function fakeBackend() {
  const attached = new Set<Transport>();
  return {
    attached,
    detachCount: 0,
    connect(transport: Transport) {
      attached.add(transport);
      const stop = serveRpc(transport, {
        echo: {
          params: z.object({ text: z.string().min(1) }),
          handler: async ({ text }: { text: string }) => ({ echoed: text }),
        },
      });
      transport.send({ kind: 'event', stream: 'hello', payload: { connected: true } });
      return () => {
        stop();
        attached.delete(transport);
        this.detachCount++;
      };
    },
  };
}

let dir: string;
let bridge: Bridge;
let backend: ReturnType<typeof fakeBackend>;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datapress-bridge-'));
  mkdirSync(join(dir, 'static', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'static', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  backend = fakeBackend();
  bridge = await startBridge({ backend, staticDir: join(dir, 'static') });
  origin = `http://127.0.0.1:${bridge.port}`;
});

afterAll(async () => {
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw HTTP GET so the path reaches the server exactly as written (no client-side normalisation). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a socket; resolves with it when open, or with the HTTP status when the upgrade is refused. */
function openSocket(url: string, options: { origin?: string; protocols?: string[] } = {}) {
  return new Promise<{ socket?: WebSocket; status?: number }>((resolve, reject) => {
    const socket = new WebSocket(
      url,
      options.protocols ?? [],
      options.origin ? { origin: options.origin } : {},
    );
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

const rpcUrl = (query = `?token=${'x'}`) => `ws://127.0.0.1:${bridge.port}/rpc${query}`;

describe('startBridge', () => {
  it('listens on 127.0.0.1 with a random port and a 32-byte hex token in the URL fragment', () => {
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
  });

  it('refuses any host other than 127.0.0.1', async () => {
    await expect(startBridge({ backend, staticDir: dir, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
  });

  it('is not reachable on non-loopback interfaces', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (!external) return; // no other interface on this machine: nothing to probe
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external.address, port: bridge.port });
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('makes a fresh token per run', async () => {
    const other = await startBridge({ backend, staticDir: dir });
    try {
      expect(other.token).not.toBe(bridge.token);
      expect(other.port).not.toBe(bridge.port);
    } finally {
      await other.close();
    }
  });

  it('carries RPC calls and events over a real socket with the token in the query', async () => {
    const { socket } = await openSocket(rpcUrl(`?token=${bridge.token}`), { origin });
    const transport = createWebSocketTransport(socket!);
    const client = new RpcClient(transport);
    const events: unknown[] = [];
    client.subscribe('hello', (payload) => events.push(payload));
    try {
      await expect(client.request('echo', { text: 'ping' })).resolves.toEqual({ echoed: 'ping' });
      await expect(client.request('echo', { text: '' })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(client.request('nope', {})).rejects.toMatchObject({ code: 'unknown_method' });
      expect(backend.attached.size).toBe(1);
    } finally {
      client.close();
    }
    await expect.poll(() => backend.attached.size).toBe(0);
  });

  it('accepts the token as a WebSocket subprotocol', async () => {
    const { socket } = await openSocket(rpcUrl(''), { origin, protocols: [RPC_SUBPROTOCOL, bridge.token] });
    expect(socket!.protocol).toBe(RPC_SUBPROTOCOL);
    const client = new RpcClient(createWebSocketTransport(socket!));
    try {
      await expect(client.request('echo', { text: 'via protocol' })).resolves.toEqual({
        echoed: 'via protocol',
      });
    } finally {
      client.close();
    }
  });

  it('refuses an upgrade without a token', async () => {
    expect(await openSocket(rpcUrl(''), { origin })).toEqual({ status: 401 });
  });

  it('refuses an upgrade with a wrong token', async () => {
    const wrong = bridge.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(await openSocket(rpcUrl(`?token=${wrong}`), { origin })).toEqual({ status: 401 });
    expect(await openSocket(rpcUrl(''), { origin, protocols: [wrong] })).toEqual({ status: 401 });
  });

  it('refuses an upgrade from another origin, or with no origin', async () => {
    const query = `?token=${bridge.token}`;
    expect(await openSocket(rpcUrl(query), { origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await openSocket(rpcUrl(query), { origin: `http://localhost:${bridge.port}` })).toEqual({
      status: 403,
    });
    expect(await openSocket(rpcUrl(query))).toEqual({ status: 403 });
  });

  it('refuses upgrades on other paths', async () => {
    const url = `ws://127.0.0.1:${bridge.port}/other?token=${bridge.token}`;
    expect(await openSocket(url, { origin })).toEqual({ status: 404 });
  });

  it('serves index.html for / with a strict CSP naming its own socket', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>t</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const res = await get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toBe('console.log(1)');
  });

  it('does not serve files outside the static folder', async () => {
    for (const path of [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the static folder');
    }
  });

  it('answers 404 for missing files and folders, 405 for other methods, 403 for other Host names', async () => {
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', { Host: `evil.example:${bridge.port}` })).status).toBe(403);
  });

  it('detaches every connection on close', async () => {
    const own = fakeBackend();
    const other = await startBridge({ backend: own, staticDir: dir });
    const { socket } = await openSocket(`ws://127.0.0.1:${other.port}/rpc?token=${other.token}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    const closed = new Promise((resolve) => socket!.once('close', resolve));
    await expect.poll(() => own.attached.size).toBe(1);
    await other.close();
    await closed;
    expect(own.detachCount).toBe(1);
  });
});
