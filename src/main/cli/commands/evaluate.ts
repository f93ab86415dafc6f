import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { openSession } from '../session';

export const EVALUATE_HELP = `datapress evaluate — a training run's evaluation: accuracy, per class, confusion matrix

Usage: datapress evaluate <run-id>

Options:
  --project DIR      project folder
  --json             print the run as JSON
`;

export async function evaluateCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, {}, true);
  if (values.help) return { text: EVALUATE_HELP };
  if (positionals.length !== 1) throw new UsageError('evaluate needs exactly one <run-id>');
  const runId = intOption(positionals[0], 'run-id', 1, 2 ** 31 - 1) as number;
  const session = openSession(values.project, { create: false });
  try {
    const run = await session.api.call('runs.get', { project: session.project, runId });
    const names = run.classNames;
    const w = Math.max(5, ...names.map((n) => n.length));
    const pct = (x: number | null | undefined) =>
      x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`;
    const text = [
      `run #${run.id}: ${run.model}, seed ${run.seed}, ${run.trainImages} training images, ${run.epochs} epochs on ${run.backend}`,
      `test top-1: ${pct(run.accuracy)}`,
      '',
      `  ${'class'.padEnd(w)}  accuracy  predicted as →`,
      ...names.map(
        (n, c) =>
          `  ${n.padEnd(w)}  ${pct(run.perClassAccuracy[c]).padStart(8)}  ${(run.confusion[c] ?? []).map((v) => String(v).padStart(5)).join('')}`,
      ),
    ].join('\n');
    return { text, json: run };
  } finally {
    await session.close();
  }
}
