import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createBackend } from '../../src/main/api/backend';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { startBridge } from '../../src/main/server/bridge';
import { openConnection, planConnection } from '../../src/renderer/lib/connection';
import type { WebSocketLike } from '../../src/shared/rpc/websocket-transport';
import { transportParitySuite, type ParityRig } from './fixtures/transport-parity-suite';

/*
 * The browser's path: the page plans a WebSocket from its URL (http://127.0.0.1:PORT/#token=…)
 * and talks to the loopback bridge (src/main/server/bridge.ts) over real sockets.
 */

async function websocketRig(workspace: string): Promise<ParityRig> {
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  const staticDir = mkdtempSync(join(tmpdir(), 'datapress-parity-static-'));
  let attached = 0;
  const bridge = await startBridge({
    backend: {
      connect(transport) {
        attached++;
        const detach = backend.connect(transport);
        return () => {
          attached--;
          detach();
        };
      },
    },
    staticDir,
  });
  const origin = `http://127.0.0.1:${bridge.port}`;
  const page = () => {
    // What the page sees in its location bar, and the socket a browser on that page would open.
    const plan = planConnection({
      location: { protocol: 'http:', host: `127.0.0.1:${bridge.port}`, hash: `#token=${bridge.token}` },
    });
    if (plan.kind !== 'websocket') throw new Error(`the page planned ${plan.kind}`);
    return openConnection(plan, (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike);
  };
  const connection = page();
  // The first call goes out once the socket is open; wait for the bridge to attach it.
  await connection.api.call('app.info', {});

  /** A socket that must be refused; if it opens after all, it asks to create a project. */
  const stranger = (url: string, socketOrigin: string) => (project: string) =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(url, { origin: socketOrigin });
      socket.once('open', () => {
        socket.send(
          JSON.stringify({ kind: 'request', id: 1, method: 'projects.create', params: { project } }),
        );
        setTimeout(() => socket.close(), 100);
        resolve();
      });
      socket.once('unexpected-response', () => {
        socket.terminate();
        resolve();
      });
      socket.once('error', () => resolve());
    });
  const rpc = `ws://127.0.0.1:${bridge.port}/rpc`;
  return {
    connection,
    backend,
    strangers: [
      stranger(`${rpc}?token=${'0'.repeat(64)}`, origin), // wrong token
      stranger(`${rpc}`, origin), // no token
      stranger(`${rpc}?token=${bridge.token}`, 'http://evil.example'), // a page from another origin
      stranger(`${rpc}?token=${bridge.token}`, `http://localhost:${bridge.port}`), // a rebound name
    ],
    openAnother: page,
    dropFromMainSide: () => bridge.close(),
    mainSideListening: () => attached > 0,
    async dispose() {
      connection.api.close();
      await bridge.close();
      await backend.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

transportParitySuite('the loopback WebSocket bridge', websocketRig, { pageOutlivesMainSide: true });
