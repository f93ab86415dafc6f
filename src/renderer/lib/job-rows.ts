/**
 * What the Jobs panel shows for one job: a job row and its latest progress turned into texts and
 * flags, so the components only render and every number here is unit-tested.
 */
import type { JobDto, JobProgress, JobStatus } from '../../shared/api/dto';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatPhase,
  formatRate,
  formatTimestamp,
  secondsBetween,
} from './format';
import { isTerminal, jobKindLabel, statusLabel } from './jobs';
import { newestFirst } from './newest';

export type JobFilter = 'all' | 'active' | 'finished';

export const JOB_FILTERS: readonly { value: JobFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'finished', label: 'Finished' },
];

/** Active: queued or running. Finished: any end state, success or not. */
export function matchesFilter(status: JobStatus, filter: JobFilter): boolean {
  if (filter === 'all') return true;
  return filter === 'finished' ? isTerminal(status) : !isTerminal(status);
}

/** The jobs a filter keeps, newest first. */
export function filterJobs(jobs: readonly JobDto[], filter: JobFilter): JobDto[] {
  return newestFirst(jobs.filter((job) => matchesFilter(job.status, filter)));
}

/** How many jobs each filter keeps, for the filter's labels. */
export function filterCounts(jobs: readonly JobDto[]): Record<JobFilter, number> {
  const active = jobs.filter((job) => !isTerminal(job.status)).length;
  return { all: jobs.length, active, finished: jobs.length - active };
}

// --- Titles: the kind, then a few of the parameters that tell two jobs of a kind apart. ---

type Fields = Readonly<Record<string, unknown>>;

function fieldsOf(value: unknown): Fields | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
}

function numberField(fields: Fields, key: string): number | null {
  const value = fields[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textField(fields: Fields, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** The last segment of a path, either separator: a folder's name says more than its full path. */
function baseName(path: string): string {
  return (
    path
      .split(/[\\/]/)
      .filter((part) => part)
      .pop() ?? path
  );
}

/** Each part only when its field is there: params are stored as sent, and old rows may lack fields. */
function parts(...values: (string | null | false)[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}

function datasetPart(f: Fields): string | null {
  const id = numberField(f, 'datasetId');
  return id === null ? null : `dataset #${id}`;
}

function ipcPart(f: Fields): string | null {
  const ipc = numberField(f, 'ipc');
  return ipc === null ? null : `IPC ${formatCount(ipc)}`;
}

function countPart(f: Fields, key: string, word: string): string | null {
  const n = numberField(f, key);
  return n === null ? null : plural(n, word);
}

/** Describers per kind (shapes in src/shared/api/*-params.ts). */
const DESCRIBE: Record<string, (f: Fields) => string[]> = {
  demo: (f) => {
    const source = fieldsOf(f['source']);
    const path = source && textField(source, 'path');
    return parts(source?.['kind'] === 'idx' && path ? baseName(path) : source && 'sample', ipcPart(f));
  },
  import: (f) => {
    const path = textField(f, 'path');
    return parts(textField(f, 'name') ?? (path && baseName(path)));
  },
  score: (f) => parts(datasetPart(f), countPart(f, 'epochs', 'epoch'), countPart(f, 'seeds', 'seed')),
  train: (f) => {
    const setId = numberField(f, 'setId');
    const target = setId !== null ? `set #${setId}` : datasetPart(f) && `full split of ${datasetPart(f)}`;
    return parts(target, countPart(f, 'seeds', 'seed'), f['labels'] === 'soft' && 'soft labels');
  },
  rded: (f) => parts(datasetPart(f), ipcPart(f)),
  dm: (f) => parts(datasetPart(f), ipcPart(f), countPart(f, 'iterations', 'iteration')),
  teacher: (f) => parts(datasetPart(f), countPart(f, 'teacherEpochs', 'epoch')),
  export: (f) => {
    const setId = numberField(f, 'setId');
    const format = textField(f, 'format');
    const dir = textField(f, 'dir');
    return parts(
      setId !== null && `set #${setId}`,
      format && format.toUpperCase(),
      dir && `to ${baseName(dir)}`,
    );
  },
  bench: (f) => {
    const methods = f['methods'];
    return parts(textField(f, 'name'), Array.isArray(methods) && plural(methods.length, 'method'));
  },
};

/** Acronyms and words jobKindLabel's capitalising would get wrong. */
const KIND_TITLES: Record<string, string> = { rded: 'RDED', dm: 'DM', bench: 'Benchmark' };

export function kindTitle(kind: string): string {
  return KIND_TITLES[kind] ?? jobKindLabel(kind);
}

/** "Train · set #3 · 2 seeds"; an unknown kind or params of another shape give the kind alone. */
export function jobTitle(job: Pick<JobDto, 'kind' | 'params'>): string {
  const describe = DESCRIBE[job.kind];
  const fields = fieldsOf(job.params);
  const details = describe && fields ? describe(fields) : [];
  return [kindTitle(job.kind), ...details].join(' · ');
}

// --- Progress: the phase's unit, the rate in it, the time left. ---

/** Phases whose counts are in a known unit (the job kinds' reports in src/main). */
const PHASE_UNITS: readonly (readonly [RegExp, string])[] = [
  [/^scan$/, 'files'],
  [/^(decode|features|teacher|export)$/, 'images'],
  [/^seed \d+$/, 'images'],
  [/^train (compressed|full)/, 'steps'],
  [/^optimising$/, 'iterations'],
  [/^scoring crops\b/, 'crops'],
  [/^training runs$/, 'runs'],
];

/**
 * The unit a phase counts in, or null when it does not say: a unit in parentheses at the end
 * ("proxy run 1 of 2 (images)"), a known phase, or a known phase after a step's prefix
 * ("scores: features", a benchmark's sub-job).
 */
export function phaseUnit(phase: string): string | null {
  const named = /\(([a-z]+)\)\s*$/i.exec(phase);
  if (named) return named[1]!.toLowerCase();
  const known = PHASE_UNITS.find(([pattern]) => pattern.test(phase));
  if (known) return known[1];
  const colon = phase.indexOf(': ');
  return colon >= 0 ? phaseUnit(phase.slice(colon + 2)) : null;
}

/** "12.3 images/s", "0.50/s" when the phase names no unit, "—" when there is no rate yet. */
export function rateText(progress: Pick<JobProgress, 'phase' | 'rate'>): string {
  const text = formatRate(progress.rate);
  const unit = phaseUnit(progress.phase);
  // formatRate ends every real rate with "/s"; the unit goes before it, its decimals stay as they are.
  return unit && text.endsWith('/s') ? `${text.slice(0, -2)} ${unit}/s` : text;
}

// --- A row. ---

export interface JobActions {
  cancel: boolean;
  resume: boolean;
}

/** Cancel while a job can still stop; resume once it stopped without finishing (jobs.resume's rule). */
export function jobActions(status: JobStatus): JobActions {
  return {
    cancel: status === 'queued' || status === 'running',
    resume: status === 'failed' || status === 'cancelled' || status === 'interrupted',
  };
}

export interface JobRowView {
  id: number;
  title: string;
  status: JobStatus;
  statusLabel: string;
  /** Overall 0..1: 1 for a succeeded job, where it stopped for the others, 0 before any report. */
  fraction: number;
  /** Whole percent for aria-valuenow; percentText is the same number as the screen shows it. */
  percent: number;
  percentText: string;
  phase: string;
  rate: string;
  eta: string;
  created: string;
  elapsed: string;
  actions: JobActions;
  error: { code: string; message: string } | null;
}

function phaseText(status: JobStatus, progress: JobProgress | null): string {
  if (status === 'succeeded') return 'Done';
  if (progress) return formatPhase(progress.phase);
  if (status === 'queued') return 'Waiting in queue';
  return status === 'running' ? 'Starting' : '—';
}

/** Run time: to the end for a finished job, to `now` for a running one; none before it starts. */
function elapsedText(job: JobDto, now: Date): string {
  if (job.status === 'queued') return 'Not started';
  const end = isTerminal(job.status) ? job.finishedAt : now.toISOString();
  return formatDuration(secondsBetween(job.startedAt, end));
}

const NO_MESSAGE = { code: 'unknown', message: 'The job failed without a message.' };

/**
 * A job as its row shows it. Rate and ETA are the running phase's, so only a running job has them:
 * a stopped job's last numbers describe a moment that has passed.
 */
export function jobRow(job: JobDto, progress: JobProgress | null, now: Date): JobRowView {
  const live = job.status === 'running' && progress !== null;
  const fraction = job.status === 'succeeded' ? 1 : Math.min(1, Math.max(0, progress?.fraction ?? 0));
  return {
    id: job.id,
    title: jobTitle(job),
    status: job.status,
    statusLabel: statusLabel(job.status),
    fraction,
    percent: Math.round(fraction * 100),
    percentText: formatPercent(fraction, 0),
    phase: phaseText(job.status, progress),
    rate: live ? rateText(progress) : '—',
    eta: live ? formatDuration(progress.etaSeconds) : '—',
    created: formatTimestamp(job.createdAt),
    elapsed: elapsedText(job, now),
    actions: jobActions(job.status),
    error: job.status === 'failed' ? (job.error ?? NO_MESSAGE) : null,
  };
}
