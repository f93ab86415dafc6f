import { initTensorBackend } from '../../ml/backend';
import { parseCommandArgs } from '../args';
import type { CommandResult } from '../command';

export const BACKEND_HELP = `datapress backend — which tensor backend this machine uses, and why

Tries @tensorflow/tfjs-node-gpu, @tensorflow/tfjs-node, the wasm backend (SIMD) and the cpu
backend in that order; DATAPRESS_BACKEND=<name> forces one.
`;

export async function backendCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {});
  if (values.help) return { text: BACKEND_HELP };
  const info = await initTensorBackend();
  const tried = info.tried.map(
    (t) => `  ${t.ok ? 'ok  ' : 'no  '} ${t.name}${t.error ? ` — ${t.error}` : ''}`,
  );
  return { text: [`backend: ${info.name}`, `why: ${info.reason}`, ...tried].join('\n'), json: info };
}
