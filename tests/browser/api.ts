import WebSocket from 'ws';
import { createApiClient, type ApiClient } from '../../src/shared/api/api-client';
import type { JobDto } from '../../src/shared/api/dto';
import { createWebSocketTransport } from '../../src/shared/rpc/websocket-transport';

/**
 * A second client of the test server, for setting up what a spec is not about (an import, a
 * selection) through the API instead of the UI. It connects as the page does: the loopback
 * socket with the session token from the URL fragment and the server's own Origin.
 */
export function connectApi(appUrl: string): ApiClient {
  const url = new URL(appUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in ${appUrl}`);
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(token)}`, {
    origin: url.origin,
  });
  return createApiClient(createWebSocketTransport(socket));
}

/** Waits until a job has finished and returns its result; throws if it did not succeed. */
export async function jobResult(
  api: ApiClient,
  project: string,
  job: JobDto,
  timeoutMs = 60_000,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await api.call('jobs.get', { project, jobId: job.id });
    if (now.status === 'succeeded') return now.result;
    if (!['queued', 'running'].includes(now.status))
      throw new Error(`job ${job.id} ${now.status}: ${now.error?.message ?? ''}`);
    if (Date.now() > deadline) throw new Error(`job ${job.id} still ${now.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
