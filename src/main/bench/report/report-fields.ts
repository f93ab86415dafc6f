/**
 * The report's field lists: the protocol and the definition as dotted keys, the timing in words,
 * and times as "2026-05-01 14:03:09 UTC".
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import { DASH, formatSeconds } from '../../../shared/bench/bench-table';
import { escapeXml as esc } from './svg-plot';

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : DASH;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (
    Array.isArray(value) &&
    value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  )
    return value.length ? value.map((v) => formatValue(v)).join(', ') : '(none)';
  return JSON.stringify(value) ?? String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field, nested objects as dotted keys: {a: {b: 1}} → [["a.b", "1"]]. */
export function flattenFields(value: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...flattenFields(v, name));
    else out.push([name, formatValue(v)]);
  }
  return out;
}

export function fieldList(fields: [string, string][]): string {
  if (!fields.length) return `<p class="muted">Not recorded.</p>`;
  return `<dl class="fields">${fields.map(([k, v]) => `<div><dt><code>${esc(k)}</code></dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function timingFields(result: BenchResultDto): [string, string][] {
  const t = result.timing;
  if (!t) return [];
  const share = (v: number | null) => (v === null ? DASH : `${(v * 100).toFixed(1)}%`);
  return [
    ['Wall time, whole job', formatSeconds(t.wallSeconds)],
    ['Preparing (scores, teacher, sets)', formatSeconds(t.prepareSeconds)],
    ['Training cells (wall)', formatSeconds(t.cellsWallSeconds)],
    ['Σ training seconds of the runs', formatSeconds(t.trainSeconds)],
    ['Σ run seconds with evaluation', formatSeconds(t.runSeconds)],
    ['Training processes at once', String(t.parallel)],
    ['Runner overhead', share(t.overhead)],
    ['CPU utilisation', share(t.cpuUtilisation)],
  ];
}

export function timingList(result: BenchResultDto): string {
  const fields = timingFields(result);
  if (!fields.length) return `<p class="muted">No timing recorded yet.</p>`;
  return `<dl class="fields timing">${fields.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

/** "2026-05-01T14:03:09.123Z" → "2026-05-01 14:03:09 UTC"; anything else as given. */
export function formatIsoTime(iso: string | null): string {
  if (!iso) return DASH;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}
