import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { createBackend } from '../../api/backend';
import { createNodeLauncher } from '../../jobs/node-launcher';
import { startBridge } from '../../server/bridge';
import { intOption, parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { defaultWorkspace, RENDERER_DIR, RESOURCES_DIR } from '../workspace';

export const SERVE_HELP = `datapress serve — the app's UI in a browser, over the loopback bridge

Serves the built renderer (npm run build:renderer) and the API on 127.0.0.1 at a random port
with a random per-run token, and prints the URL to open. Stops on Ctrl-C.

Options:
  --workspace DIR    folder of projects (default: $DATAPRESS_HOME/projects or ~/.local/share/datapress/projects)
  --port N           port (default: a free one)
  --json             print {url, port, token, workspace} as JSON once listening
`;

export async function serveCommand(argv: string[]): Promise<CommandResult | null> {
  const { values } = parseCommandArgs(argv, { workspace: { type: 'string' }, port: { type: 'string' } });
  if (values.help) return { text: SERVE_HELP };
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new ApiError(
      'not_found',
      `the UI is not built (no ${RENDERER_DIR}/index.html); run: npm run build:renderer`,
    );
  }
  const workspace = values.workspace ?? (values.project ? values.project : defaultWorkspace());
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  const bridge = await startBridge({
    backend,
    staticDir: RENDERER_DIR,
    port: intOption(values.port, 'port', 0, 65535) ?? 0,
  });
  const info = { url: bridge.url, port: bridge.port, token: bridge.token, workspace };
  if (values.json) console.log(JSON.stringify(info));
  else console.log(`DataPress is serving ${workspace}\nopen ${bridge.url}\n(Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  await backend.close();
  return null;
}
