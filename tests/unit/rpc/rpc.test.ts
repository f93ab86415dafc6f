import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../../../src/shared/api/api-client';
import { ApiError } from '../../../src/shared/rpc/errors';
import { RpcClient } from '../../../src/shared/rpc/client';
import { createMemoryTransportPair } from '../../../src/shared/rpc/memory-transport';
import { serveRpc } from '../../../src/shared/rpc/server';

function setup() {
  const [clientSide, serverSide] = createMemoryTransportPair();
  const internal: string[] = [];
  serveRpc(
    serverSide,
    {
      'math.add': {
        params: z.object({ a: z.number(), b: z.number().default(1) }),
        handler: async (p: { a: number; b: number }) => p.a + p.b,
      },
      'math.fail': {
        params: z.object({}),
        handler: async () => {
          throw new ApiError('conflict', 'busy', { why: 'x' });
        },
      },
      'math.crash': {
        params: z.object({}),
        handler: async () => {
          throw new TypeError('boom');
        },
      },
    },
    { onInternalError: (_e, m) => internal.push(m) },
  );
  return { client: new RpcClient(clientSide), serverSide, internal };
}

describe('RPC over the in-memory transport', () => {
  it('round-trips a call and applies schema defaults on the server', async () => {
    const { client } = setup();
    await expect(client.request('math.add', { a: 2, b: 3 })).resolves.toBe(5);
    await expect(client.request('math.add', { a: 2 })).resolves.toBe(3);
  });

  it('rejects invalid arguments with a bad_request envelope naming the field', async () => {
    const { client } = setup();
    const error = (await client.request('math.add', { a: 'two' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^math\.add: a: /);
    expect(error.details).toEqual([{ path: ['a'], message: expect.any(String) }]);
  });

  it('rejects unknown methods, even ones named like Object.prototype members', async () => {
    const { client } = setup();
    await expect(client.request('nope.nothing', {})).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(client.request('toString', {})).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('carries domain errors as {code, message, details} and hides internal ones behind "internal"', async () => {
    const { client, internal } = setup();
    await expect(client.request('math.fail', {})).rejects.toMatchObject({
      code: 'conflict',
      message: 'busy',
      details: { why: 'x' },
    });
    await expect(client.request('math.crash', {})).rejects.toMatchObject({
      code: 'internal',
      message: 'boom',
    });
    expect(internal).toEqual(['math.crash']);
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { client, serverSide } = setup();
    const seen: unknown[] = [];
    const off = client.subscribe('jobs.onProgress', (p) => seen.push(p));
    serverSide.send({ kind: 'event', stream: 'jobs.onProgress', payload: { done: 1 } });
    await new Promise((r) => setTimeout(r, 0));
    off();
    serverSide.send({ kind: 'event', stream: 'jobs.onProgress', payload: { done: 2 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ done: 1 }]);
  });

  it('fails outstanding calls when the client closes', async () => {
    const [clientSide] = createMemoryTransportPair(); // nobody serves: the call would hang forever
    const client = createApiClient(clientSide);
    const pending = client.call('projects.list', {});
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'transport_closed' });
  });
});
