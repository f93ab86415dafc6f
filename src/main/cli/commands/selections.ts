import { parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { openSession } from '../session';
import { selectionText } from './select';

export const SELECTIONS_HELP = `datapress selections — list selections, or compare two

Usage: datapress selections [--compare A,B] [options]

Options:
  --compare A,B      per-class kept counts and overlap of selections A and B
  --project DIR      project folder
  --json             print as JSON
`;

export async function selectionsCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, { compare: { type: 'string' } });
  if (values.help) return { text: SELECTIONS_HELP };
  const session = openSession(values.project, { create: false });
  try {
    if (values.compare !== undefined) {
      const m = /^(\d+),(\d+)$/.exec(values.compare.trim());
      if (!m) throw new UsageError(`--compare takes two selection ids, A,B; got "${values.compare}"`);
      const c = await session.api.call('selections.compare', {
        project: session.project,
        a: Number(m[1]),
        b: Number(m[2]),
      });
      const lines = c.perClass.map(
        (k) =>
          `  ${k.name.padEnd(24)} ${String(k.countA).padStart(6)} ${String(k.countB).padStart(6)} ${String(k.overlap).padStart(7)} ${k.jaccard.toFixed(3).padStart(7)}`,
      );
      const text = [
        `selection #${c.a} against #${c.b}`,
        `  ${'class'.padEnd(24)} ${'A'.padStart(6)} ${'B'.padStart(6)} ${'overlap'.padStart(7)} ${'jaccard'.padStart(7)}`,
        ...lines,
        `  ${'all'.padEnd(24)} ${String(c.countA).padStart(6)} ${String(c.countB).padStart(6)} ${String(c.overlap).padStart(7)} ${c.jaccard.toFixed(3).padStart(7)}`,
      ].join('\n');
      return { text, json: c };
    }
    const selections = await session.api.call('selections.list', { project: session.project });
    const text = selections.length ? selections.map(selectionText).join('\n\n') : 'no selections yet';
    return { text, json: { selections } };
  } finally {
    await session.close();
  }
}
