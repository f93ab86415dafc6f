/**
 * The benchmark's report as one self-contained HTML document: inline <style> only, no scripts,
 * no URLs of any kind (the plots are inline SVG without a namespace attribute), light and dark
 * through `prefers-color-scheme`. Every user-provided string is escaped.
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import type { BenchMethod, LabelMode } from '../../../shared/api/bench-params';
import {
  benchResultRows,
  benchStorageRows,
  DASH,
  formatBytes,
  formatCount,
  formatMeanStd,
  formatPercent,
  formatPoints,
  formatRatio,
  formatSeconds,
  formatSeeds,
  labelModesPresent,
  type BenchResultRow,
} from '../../../shared/bench/bench-table';
import {
  accuracyBytesLayout,
  accuracyIpcLayout,
  formatByteTick,
  methodStyle,
  methodsWithCells,
  type BenchPlotLook,
} from '../../../shared/bench/bench-plots';
import type { PlotGeometry, PlotPointGeometry } from '../../../shared/bench/plot-geometry';
import { escapeXml, HOLLOW_CLASS, markerSvg, renderPlotSvg } from './svg-plot';

export interface BenchReportOptions {
  generatedAt: string;
  appVersion: string;
}

export type BenchPlotKey = 'accuracy-ipc-hard' | 'accuracy-ipc-soft' | 'accuracy-bytes';

/** One plot of the report, laid out; drawn inline in the HTML and to a PNG file. */
export interface BenchPlot {
  key: BenchPlotKey;
  /** The PNG file name: plot-<key>.png. */
  file: string;
  title: string;
  /** What the plot shows, for the caption. */
  caption: string;
  /** A text alternative listing every point, for screen readers (<desc>). */
  description: string;
  geometry: PlotGeometry;
  pointTitle: (seriesLabel: string, point: PlotPointGeometry) => string;
}

const esc = escapeXml;
const MODE_NAME: Record<LabelMode, string> = { hard: 'Hard labels', soft: 'Soft labels' };
const STATUS_NAME: Record<BenchResultDto['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const REPORT_LOOK: BenchPlotLook = {
  width: 760,
  height: 400,
  noPoints: 'no finished seeds',
  teacher: 'Teacher on the full split',
  fullSplit: 'Full training split (PNG)',
  modeLegend: { hard: 'Hard labels (PNG bytes)', soft: 'Soft labels (PNG + soft-label bytes)' },
  formatByteTick,
};

/** Accuracy against IPC for one label mode: one series per method, error bars = std over seeds. */
function accuracyIpcPlot(result: BenchResultDto, mode: LabelMode): BenchPlot {
  const title = `Accuracy against images per class: ${MODE_NAME[mode].toLowerCase()}`;
  const { description, geometry, pointTitle } = accuracyIpcLayout(result, mode, REPORT_LOOK, title);
  return {
    key: mode === 'hard' ? 'accuracy-ipc-hard' : 'accuracy-ipc-soft',
    file: `plot-accuracy-ipc-${mode}.png`,
    title,
    caption:
      `Top-1 test accuracy with ${MODE_NAME[mode].toLowerCase()}, mean over seeds; bars span ± one standard deviation. ` +
      'Points at the same IPC are spread a few pixels sideways so their bars stay apart. Cells without a finished seed are left out.',
    description,
    geometry,
    pointTitle,
  };
}

/** Accuracy against stored bytes: hard cells at their PNG bytes, soft cells with the soft labels added. */
function accuracyBytesPlot(result: BenchResultDto): BenchPlot {
  const title = 'Accuracy against stored bytes';
  const legendMethods = methodsWithCells(result.cells);
  const { description, geometry, pointTitle } = accuracyBytesLayout(
    result,
    legendMethods,
    REPORT_LOOK,
    title,
  );
  return {
    key: 'accuracy-bytes',
    file: 'plot-accuracy-bytes.png',
    title,
    caption:
      'Each cell at the bytes it needs: hard-label cells (filled circles) store only their PNG images; ' +
      'soft-label cells (hollow diamonds) also store the teacher’s labels for every epoch (float16). Lines join a method’s IPCs.',
    description,
    geometry,
    pointTitle,
  };
}

/** The report's plots: accuracy against IPC per label mode present, then accuracy against bytes. */
export function benchReportPlots(result: BenchResultDto): BenchPlot[] {
  const modes = labelModesPresent(result);
  return [...modes.map((m) => accuracyIpcPlot(result, m)), accuracyBytesPlot(result)];
}

/** A plot as SVG: inline for the HTML (inherits the page's colours), or standalone on white for a PNG. */
export function benchPlotSvg(plot: BenchPlot, kind: 'inline' | 'standalone'): string {
  return renderPlotSvg(plot.geometry, {
    title: plot.title,
    description: plot.description,
    standalone: kind === 'standalone',
    background: kind === 'standalone' ? '#ffffff' : null,
    foreground: kind === 'standalone' ? '#1f2328' : 'currentColor',
    surface: '#ffffff',
    pointTitle: plot.pointTitle,
    emptyText: 'No cell has a finished seed yet',
  });
}

// ---- HTML pieces ----

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

function fieldList(fields: [string, string][]): string {
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

function timingList(result: BenchResultDto): string {
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

function methodMarker(result: BenchResultDto, method: BenchMethod): string {
  return `<span class="mk">${markerSvg(methodStyle(result, method))}</span>`;
}

const num = (content: string, extra = '') => `<td class="num${extra}">${content}</td>`;

function resultRowHtml(result: BenchResultDto, row: BenchResultRow, firstOfIpc: boolean): string {
  const accuracy = formatMeanStd(row.mean, row.std, row.n);
  const star = row.best ? `<span class="star" aria-hidden="true">★</span><span class="sr">best, </span>` : '';
  const delta =
    row.method === 'random'
      ? `<span class="muted">baseline</span>`
      : row.vsRandom === null
        ? DASH
        : `<span class="${row.vsRandom > 0.0005 ? 'pos' : row.vsRandom < -0.0005 ? 'neg' : ''}">${esc(formatPoints(row.vsRandom))}</span>`;
  const classes = [row.best ? 'best' : '', firstOfIpc ? 'ipc-start' : '', row.mean === null ? 'pending' : '']
    .filter(Boolean)
    .join(' ');
  return (
    `<tr${classes ? ` class="${classes}"` : ''}>` +
    `<th scope="row" class="method">${methodMarker(result, row.method)}${esc(row.methodLabel)}</th>` +
    `<td class="family">${esc(row.family)}</td>` +
    num(String(row.ipc)) +
    `<td>${esc(row.labels)}</td>` +
    num(`${star}${esc(accuracy)}`, ' acc') +
    num(esc(formatSeeds(row.n, row.seedsPlanned))) +
    num(delta) +
    num(esc(formatSeconds(row.trainSeconds))) +
    num(esc(formatBytes(row.storageBytes))) +
    '</tr>'
  );
}

function resultsTable(result: BenchResultDto): string {
  const rows = benchResultRows(result);
  if (!rows.length) return `<p class="muted">No cells.</p>`;
  const groups: string[] = [];
  for (const mode of labelModesPresent(result)) {
    const inMode = rows.filter((r) => r.labels === mode);
    const body = inMode
      .map((r, i) => resultRowHtml(result, r, i > 0 && inMode[i - 1]?.ipc !== r.ipc))
      .join('');
    groups.push(
      `<tbody><tr class="group"><th colspan="9" scope="rowgroup">${esc(MODE_NAME[mode])}</th></tr>${body}</tbody>`,
    );
  }
  return (
    `<div class="table-wrap"><table class="data results">` +
    `<caption>Top-1 test accuracy on ${esc(formatCount(result.testImages))} test images, mean ± standard deviation over seeds. ` +
    `<span class="star" aria-hidden="true">★</span> and bold: the best mean at its IPC and label mode.</caption>` +
    `<thead><tr><th scope="col">Method</th><th scope="col">Family</th><th scope="col" class="num">IPC</th><th scope="col">Labels</th>` +
    `<th scope="col" class="num">Accuracy (%)</th><th scope="col" class="num">Seeds</th><th scope="col" class="num">Δ vs random (pts)</th>` +
    `<th scope="col" class="num">Training time (mean)</th><th scope="col" class="num">Storage</th></tr></thead>` +
    groups.join('') +
    `</table></div>`
  );
}

function storageTable(result: BenchResultDto): string {
  const rows = benchStorageRows(result);
  if (!rows.length) return `<p class="muted">No compressed sets yet.</p>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr${i > 0 && rows[i - 1]?.ipc !== r.ipc ? ' class="ipc-start"' : ''}>` +
        `<th scope="row" class="method">${methodMarker(result, r.method)}${esc(r.methodLabel)}</th>` +
        num(String(r.ipc)) +
        num(esc(formatCount(r.storedImages))) +
        num(esc(formatCount(r.sourceImages))) +
        num(esc(formatBytes(r.pngBytes))) +
        num(esc(formatBytes(r.softLabelBytes))) +
        num(esc(formatRatio(r.ratioToFull))) +
        num(esc(formatRatio(r.ratioWithSoftLabels))) +
        '</tr>',
    )
    .join('');
  const full =
    `<tfoot><tr><th scope="row" class="method">Full training split</th>` +
    num(DASH) +
    num(esc(formatCount(result.fullTrainImages))) +
    num(esc(formatCount(result.fullTrainImages))) +
    num(esc(formatBytes(result.fullPngBytes))) +
    num(DASH) +
    num('100%') +
    num(DASH) +
    `</tr></tfoot>`;
  return (
    `<div class="table-wrap"><table class="data storage">` +
    `<caption>Stored images as lossless PNG. Soft labels counted the usual way: epochs × stored images × classes × 2 bytes (float16). ` +
    `Ratios are to the full training split’s PNG bytes.</caption>` +
    `<thead><tr><th scope="col">Method</th><th scope="col" class="num">IPC</th><th scope="col" class="num">Stored images</th>` +
    `<th scope="col" class="num">Source images</th><th scope="col" class="num">PNG</th><th scope="col" class="num">Soft labels</th>` +
    `<th scope="col" class="num">PNG / full</th><th scope="col" class="num">PNG + soft labels / full</th></tr></thead>` +
    `<tbody>${body}</tbody>${full}</table></div>`
  );
}

function classNamesLine(names: readonly string[]): string {
  const shown = names.slice(0, 60).map((n) => esc(n));
  const more = names.length > shown.length ? ` … and ${names.length - shown.length} more` : '';
  return `<p class="classes"><span class="label">Classes</span> ${shown.join(', ')}${more}</p>`;
}

function statusNote(result: BenchResultDto, done: number, total: number): string {
  if (result.status === 'done' && done === total) return '';
  const what: Record<BenchResultDto['status'], string> = {
    running: 'This benchmark is still running',
    done: 'This benchmark finished',
    failed: 'This benchmark failed',
    cancelled: 'This benchmark was cancelled',
    interrupted: 'This benchmark was interrupted',
  };
  return (
    `<p class="notice" role="note">${what[result.status]}: ${done} of ${total} cells have every seed finished. ` +
    `Cells without a finished seed show ${DASH} and are left out of the plots.</p>`
  );
}

function figure(plot: BenchPlot): string {
  return (
    `<figure class="plot" id="${esc(plot.key)}">${benchPlotSvg(plot, 'inline')}` +
    `<figcaption>${esc(plot.caption)}</figcaption></figure>`
  );
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#ffffff;--fg:#1f2328;--muted:#5b6470;--line:#d9dde3;--soft:#eef1f4;--accent:#0b63b6;--pos:#1a7f37;--neg:#b3261e;--notice:#fff4d6;--notice-line:#e0b341}
@media (prefers-color-scheme:dark){:root{--bg:#111317;--card:#181b20;--fg:#e6e8eb;--muted:#9aa3ad;--line:#2d333b;--soft:#20252c;--accent:#6cb4ff;--pos:#57c26b;--neg:#ff7b72;--notice:#3a2f12;--notice-line:#a07d1c}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:15px/1.55 system-ui,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:1120px;margin:0 auto;padding:40px 28px 56px}
h1{font-size:30px;line-height:1.2;margin:4px 0 8px;letter-spacing:-.01em;overflow-wrap:anywhere}
h2{font-size:20px;margin:0 0 12px;letter-spacing:-.005em}
h3{font-size:13px;margin:0 0 8px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
p{margin:0 0 8px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.eyebrow{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0}
.lede{font-size:16px}
.muted,.meta{color:var(--muted)}
.status{display:inline-block;padding:1px 10px;border-radius:999px;border:1px solid var(--line);font-weight:600;font-size:13px;color:var(--fg);background:var(--soft)}
.status::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;vertical-align:1px;background:var(--muted)}
.status-done::before{background:var(--pos)}.status-failed::before{background:var(--neg)}.status-running::before{background:var(--accent)}
.classes{font-size:13px;color:var(--muted);overflow-wrap:anywhere}
.label{font-weight:600;color:var(--fg);margin-right:4px}
.notice{background:var(--notice);border-left:4px solid var(--notice-line);padding:10px 14px;border-radius:6px;margin:14px 0 0}
header.top{margin-bottom:28px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:20px 0 0;padding:0;list-style:none}
.facts li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.facts .k{display:block;font-size:12px;color:var(--muted)}
.facts .v{display:block;font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.setup{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px;margin-top:16px}
.card,section.block{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px}
section.block{margin:0 0 24px}
.fields{margin:0;display:grid;grid-template-columns:1fr;gap:0}
.fields div{display:flex;justify-content:space-between;gap:16px;padding:4px 0;border-bottom:1px solid var(--soft)}
.fields div:last-child{border-bottom:0}
.fields dt{color:var(--muted);font-size:13.5px}.timing dd{white-space:nowrap}
.fields dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;font-size:13.5px;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:0 -4px}
table.data{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
table.data caption{caption-side:top;text-align:left;color:var(--muted);font-size:13px;padding:0 4px 10px}
table.data th,table.data td{padding:6px 10px;text-align:left;white-space:nowrap;border-bottom:1px solid var(--soft)}
table.data thead th{font-size:12px;font-weight:600;color:var(--muted);border-bottom:1.5px solid var(--line);vertical-align:bottom;white-space:normal}
table.data .num{text-align:right}
table.data th.method{font-weight:500}
table.data tr.group th{background:var(--soft);font-weight:700;font-size:13px;letter-spacing:.02em;padding-top:8px;padding-bottom:8px}
table.data tr.ipc-start>*{border-top:1.5px solid var(--line)}
table.data tbody tr:hover{background:var(--soft)}
table.data tr.best>*{font-weight:700}
table.data tr.pending td{color:var(--muted)}
table.data tfoot th,table.data tfoot td{border-top:1.5px solid var(--line);border-bottom:0;font-weight:600}
.family{color:var(--muted)}
.star{color:#b07a00;margin-right:5px}
@media (prefers-color-scheme:dark){.star{color:#e3b341}}
.pos{color:var(--pos)}.neg{color:var(--neg)}
.mk{display:inline-block;width:14px;height:14px;margin-right:8px;vertical-align:-2px}.mk svg{display:block}.mk .${HOLLOW_CLASS}{fill:var(--card)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.plots{display:grid;grid-template-columns:1fr;gap:20px}
figure.plot{margin:0;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 16px 12px}
figure.plot svg{display:block;width:100%;height:auto;max-width:920px;margin:0 auto;color:var(--fg)}
figure.plot svg .${HOLLOW_CLASS}{fill:var(--card)}
figcaption{font-size:13px;color:var(--muted);margin:10px auto 0;max-width:920px}
footer{margin-top:32px;font-size:12.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:14px}
@media print{html{background:#fff;color:#000}main{padding:0;max-width:none}.card,section.block,figure.plot,.facts li{border-color:#ccc;break-inside:avoid}table.data tbody tr:hover{background:none}}
`
  .trim()
  .replace(/\n/g, '');

/** The report: a single self-contained HTML document. */
export function benchReportHtml(result: BenchResultDto, opts: BenchReportOptions): string {
  const seeds = result.definition.seeds;
  const total = result.cells.length;
  const complete = result.cells.filter((c) => c.runs.length >= seeds).length;
  const started = result.cells.filter((c) => c.runs.length > 0).length;
  const plots = benchReportPlots(result);
  const facts: [string, string][] = [
    ['Cells complete', `${complete} of ${total}`],
    ['Seeds per cell', String(seeds)],
    ['Training images', formatCount(result.fullTrainImages)],
    ['Full split as PNG', formatBytes(result.fullPngBytes)],
    [
      'Teacher, full split',
      result.teacherAccuracy === null ? DASH : `${formatPercent(result.teacherAccuracy)}%`,
    ],
    ['Wall time', formatSeconds(result.timing?.wallSeconds ?? null)],
  ];
  const definitionFields = flattenFields({
    ...(result.definition as unknown as Record<string, unknown>),
  });
  const title = `${result.name} · DataPress benchmark`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="generator" content="DataPress ${esc(opts.appVersion)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header class="top">',
    '<p class="eyebrow">DataPress benchmark report</p>',
    `<h1>${esc(result.name)}</h1>`,
    `<p class="lede">Dataset <strong>${esc(result.datasetName)}</strong> · ${result.classNames.length} classes · ` +
      `${esc(formatCount(result.fullTrainImages))} training images · ${esc(formatCount(result.testImages))} test images</p>`,
    `<p class="meta"><span class="status status-${result.status}">${STATUS_NAME[result.status]}</span> · ` +
      `started ${esc(formatIsoTime(result.createdAt))} · finished ${esc(formatIsoTime(result.finishedAt))} · ` +
      `${started} of ${total} cells with a finished seed</p>`,
    classNamesLine(result.classNames),
    statusNote(result, complete, total),
    `<ul class="facts">${facts.map(([k, v]) => `<li><span class="k">${esc(k)}</span><span class="v">${esc(v)}</span></li>`).join('')}</ul>`,
    '<div class="setup">',
    `<div class="card"><h3>Protocol as run</h3>${fieldList(flattenFields(result.protocol))}</div>`,
    `<div class="card"><h3>Definition</h3>${fieldList(definitionFields)}</div>`,
    `<div class="card"><h3>Timing</h3>${timingList(result)}</div>`,
    '</div>',
    '</header>',
    `<section class="block" id="results" aria-labelledby="results-h"><h2 id="results-h">Results</h2>${resultsTable(result)}</section>`,
    `<section id="plots" aria-labelledby="plots-h" class="block"><h2 id="plots-h">Plots</h2><div class="plots">${plots.map(figure).join('')}</div></section>`,
    `<section class="block" id="storage" aria-labelledby="storage-h"><h2 id="storage-h">Storage</h2>${storageTable(result)}</section>`,
    `<footer>Generated by DataPress ${esc(opts.appVersion)} on ${esc(formatIsoTime(opts.generatedAt))} from benchmark #${result.id}. ` +
      'Δ vs random: the difference of the means in percentage points against the random subset at the same IPC and label mode, under the same protocol. ' +
      'Byte sizes are decimal (1 KB = 1000 bytes).</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
