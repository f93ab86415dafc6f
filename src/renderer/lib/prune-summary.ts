import type { ScoreSetDto, SelectionComparisonDto, SelectionDto } from '../../shared/api/dto';
import type { ScoreMethodName } from '../../shared/api/selection-params';
import type { ClassRow } from './class-table';
import { formatCount, formatDuration, formatPercent } from './format';
import { newest, newestFirst } from './newest';

/** A short time: "18 ms", "3.4 s", then "2 min 05 s". */
export function formatShortDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 0.1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  return formatDuration(seconds);
}

/** A score to three significant figures: 0.023456 → "0.0235", 1234.5 → "1230", -2 → "-2". */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(3)));
}

/** One row of the score set table. */
export interface ScoreSetRow {
  id: number;
  model: string;
  epochs: string;
  runs: string;
  time: string;
  rate: string;
  accuracy: string;
  features: string;
}

export function scoreSetRow(set: ScoreSetDto): ScoreSetRow {
  const model = set.model === 'convnet' ? `ConvNet-${set.depth}` : set.model;
  return {
    id: set.id,
    model: `${model}, width ${set.width}`,
    epochs: formatCount(set.epochs),
    runs: formatCount(set.seeds.length),
    time: formatShortDuration(set.seconds),
    rate: formatCount(set.imagesPerSecond),
    accuracy: formatPercent(set.finalTrainAccuracy),
    features: `${set.featureDims} (${formatPercent(set.featureExplained)} of the variation)`,
  };
}

/** "#1 · ConvNet-3 width 8 · 2 epochs × 1 run" for pickers. */
export function describeScoreSet(set: ScoreSetDto): string {
  const runs = set.seeds.length;
  return `#${set.id} · width ${set.width} · ${set.epochs} epoch${set.epochs === 1 ? '' : 's'} × ${runs} run${runs === 1 ? '' : 's'}`;
}

const METHOD_WORDS: Record<string, string> = {
  random: 'Random',
  el2n: 'EL2N',
  forgetting: 'Forgetting',
  aum: 'AUM',
  entropy: 'Entropy',
  margin: 'Margin',
  herding: 'Herding',
  kcenter: 'k-center',
};
const RULE_WORDS: Record<string, string> = { easy: 'easiest', hard: 'hardest', ccs: 'spread (CCS)' };

export function methodWords(method: string, rule: string): string {
  const name = METHOD_WORDS[method] ?? method;
  const r = RULE_WORDS[rule];
  return r ? `${name}, ${r}` : name;
}

/** "#4 · EL2N, easiest · 5 per class · 50 images" for pickers and headings. */
export function describeSelection(selection: SelectionDto): string {
  return `#${selection.id} · ${methodWords(selection.method, selection.rule)} · ${formatCount(selection.ipc)} per class · ${formatCount(selection.kept)} images`;
}

export function newestSelection(selections: readonly SelectionDto[]): SelectionDto | null {
  return newest(selections);
}

/** Two different selections to compare first: the newest two, older as A. */
export function defaultComparePair(selections: readonly SelectionDto[]): {
  a: number | null;
  b: number | null;
} {
  const sorted = newestFirst(selections);
  return { a: sorted[1]?.id ?? null, b: sorted[0]?.id ?? null };
}

export interface CompareRow {
  name: string;
  countA: string;
  countB: string;
  overlap: string;
  jaccard: string;
}

/** The comparison as table rows, then the total row. Jaccard = overlap / images in either. */
export function compareRows(result: SelectionComparisonDto): { rows: CompareRow[]; total: CompareRow } {
  const row = (name: string, c: { countA: number; countB: number; overlap: number; jaccard: number }) => ({
    name,
    countA: formatCount(c.countA),
    countB: formatCount(c.countB),
    overlap: formatCount(c.overlap),
    jaccard: c.jaccard.toFixed(2),
  });
  return { rows: result.perClass.map((c) => row(c.name, c)), total: row('All classes', result) };
}

export const SCORE_CHOICES: readonly { value: ScoreMethodName; label: string }[] = [
  { value: 'el2n', label: 'EL2N (error)' },
  { value: 'forgetting', label: 'Forgetting (times forgotten)' },
  { value: 'aum', label: 'AUM (lead of the right class in training)' },
  { value: 'entropy', label: 'Entropy (uncertainty at the end)' },
  { value: 'margin', label: 'Margin (lead at the end)' },
];

export function scoreLabel(score: string): string {
  return SCORE_CHOICES.find((c) => c.value === score)?.label.replace(/ \(.*$/, '') ?? score;
}

/**
 * The kept-images pager: "Kept 9–16 of 20". Offsets move by whole pages and stay in [0, kept).
 */
export function keptPage(
  offset: number,
  pageSize: number,
  kept: number,
): { label: string; previous: number | null; next: number | null } {
  if (kept === 0) return { label: 'Nothing kept in this class', previous: null, next: null };
  const first = Math.min(offset, kept - 1);
  const last = Math.min(first + pageSize, kept);
  return {
    label: `Kept ${formatCount(first + 1)}–${formatCount(last)} of ${formatCount(kept)}`,
    previous: first > 0 ? Math.max(0, first - pageSize) : null,
    next: last < kept ? first + pageSize : null,
  };
}

/** A selection's per-class rows: "kept of available" and the share kept. */
export function selectionClassRows(selection: Pick<SelectionDto, 'perClass'>): ClassRow[] {
  return selection.perClass.map((c) => ({
    key: c.classIndex,
    name: c.name,
    cells: [
      `${formatCount(c.kept)} of ${formatCount(c.available)}`,
      formatPercent(c.available > 0 ? c.kept / c.available : 0),
    ],
  }));
}
