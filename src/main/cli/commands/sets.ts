import { parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { openSession } from '../session';

export const SETS_HELP = `datapress sets — list a project's compressed sets (the ids "datapress export" takes)

Options:
  --project DIR      project folder
  --json             print the sets as JSON
`;

export async function setsCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {});
  if (values.help) return { text: SETS_HELP };
  const session = openSession(values.project, { create: false });
  try {
    const sets = await session.api.call('sets.list', { project: session.project });
    const header = `${'id'.padStart(4)}  ${'method'.padEnd(16)} ${'ipc'.padStart(5)} ${'grid'.padStart(4)} ${'images'.padStart(7)}  ${'dataset'.padEnd(24)} created`;
    const lines = sets.map(
      (s) =>
        `${`#${s.id}`.padStart(4)}  ${`${s.method}/${s.rule}`.padEnd(16)} ${String(s.ipc).padStart(5)} ${`${s.grid}×${s.grid}`.padStart(4)} ${String(s.images).padStart(7)}  ${s.datasetName.slice(0, 24).padEnd(24)} ${s.createdAt}`,
    );
    return { text: lines.length ? [header, ...lines].join('\n') : 'no compressed sets yet', json: { sets } };
  } finally {
    await session.close();
  }
}
