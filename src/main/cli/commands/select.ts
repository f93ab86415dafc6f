import type { SelectionDto } from '../../../shared/api/dto';
import { SELECTION_METHOD_NAMES, SELECTION_RULES, type Budget } from '../../../shared/api/selection-params';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatBytes } from '../result-table';
import { openSession } from '../session';

export const SELECT_HELP = `datapress select — keep a class-balanced subset of the training images

Usage: datapress select --method M [--rule R] (--ipc N | --fraction F | --bytes B) [options]

Methods: random; by score (needs "datapress score" first): el2n, forgetting, aum, entropy,
margin; in the proxy's feature space: herding, kcenter.
Rules (score methods only): easy (keep the easiest, ranked over the whole class; the paper's
"reversed EL2N"; default), hard (keep the hardest), ccs (drop the hardest β, 50 strata).

Options:
  --method M         one of ${SELECTION_METHOD_NAMES.join(', ')}
  --rule R           easy|hard|ccs
  --ipc N            images per class
  --fraction F       share of the training split, 0 < F <= 1
  --bytes B          bytes of stored images (raw pixels); suffix K, M or G allowed
  --seed N           seed (default 0)
  --dataset ID       dataset (default: the project's only dataset)
  --score-set ID     score set (default: the dataset's newest)
  --beta B           CCS: fraction of the hardest dropped (default 0.1)
  --strata N         CCS: number of strata (default 50)
  --project DIR      project folder
  --json             print the selection as JSON
`;

export async function selectCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    method: { type: 'string' },
    rule: { type: 'string' },
    ipc: { type: 'string' },
    fraction: { type: 'string' },
    bytes: { type: 'string' },
    seed: { type: 'string' },
    dataset: { type: 'string' },
    'score-set': { type: 'string' },
    beta: { type: 'string' },
    strata: { type: 'string' },
  });
  if (values.help) return { text: SELECT_HELP };
  const method = values.method;
  if (!method) throw new UsageError('select needs --method; run datapress select --help');
  if (!(SELECTION_METHOD_NAMES as readonly string[]).includes(method))
    throw new UsageError(`unknown method "${method}"; use one of ${SELECTION_METHOD_NAMES.join(', ')}`);
  if (values.rule !== undefined && !(SELECTION_RULES as readonly string[]).includes(values.rule))
    throw new UsageError(`--rule must be easy, hard or ccs, got "${values.rule}"`);
  const budget = parseBudget(values.ipc, values.fraction, values.bytes);
  const session = openSession(values.project, { create: false });
  try {
    const params = {
      datasetId: await datasetOption(session, values.dataset),
      method: method as (typeof SELECTION_METHOD_NAMES)[number],
      rule: values.rule as (typeof SELECTION_RULES)[number] | undefined,
      budget,
      seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
      scoreSetId: intOption(values['score-set'], 'score-set', 1, 2 ** 31 - 1),
      ccsBeta: numberOption(values.beta, 'beta', 0, 0.99),
      ccsStrata: intOption(values.strata, 'strata', 1, 1000),
    };
    const s = await session.api.call('selections.create', { project: session.project, params });
    return {
      text: [selectionText(s), `selected in ${(s.seconds * 1000).toFixed(0)} ms`].join('\n'),
      json: {
        selectionId: s.id,
        ipc: s.ipc,
        kept: s.kept,
        perClass: s.perClass,
        warnings: s.warnings,
        seconds: s.seconds,
        selection: s,
      },
    };
  } finally {
    await session.close();
  }
}

export function selectionText(s: SelectionDto): string {
  const rule = s.rule === 'none' ? '' : `, rule ${s.rule}`;
  const score = s.scoreSetId ? `, scores #${s.scoreSetId}` : '';
  return [
    `selection #${s.id}: ${s.method}${rule}, IPC ${s.ipc}, seed ${s.seed}${score} — ${s.kept} images (${formatBytes(s.storedBytes)} of pixels)`,
    ...s.perClass.map((c) => `  ${c.name.padEnd(24)} ${String(c.kept).padStart(6)} of ${c.available}`),
    ...s.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

function parseBudget(ipc?: string, fraction?: string, bytes?: string): Budget {
  const given = [ipc, fraction, bytes].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one budget: --ipc N, --fraction F or --bytes B');
  if (ipc !== undefined) return { kind: 'ipc', ipc: intOption(ipc, 'ipc', 1, 1_000_000) as number };
  if (fraction !== undefined)
    return { kind: 'fraction', fraction: numberOption(fraction, 'fraction', 1e-9, 1) as number };
  const m = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec((bytes as string).trim());
  if (!m) throw new UsageError(`--bytes must be a number with an optional K, M or G suffix, got "${bytes}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase()] as number;
  const value = Math.floor(Number(m[1]) * scale);
  if (value < 1) throw new UsageError(`--bytes must be at least 1, got "${bytes}"`);
  return { kind: 'bytes', bytes: value };
}

function numberOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}
