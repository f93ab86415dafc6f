/**
 * The benchmark's report as one self-contained HTML document: inline <style> only, no scripts,
 * no URLs of any kind (the plots are inline SVG without a namespace attribute), light and dark
 * through `prefers-color-scheme`. Every user-provided string is escaped.
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import {
  DASH,
  formatBytes,
  formatCount,
  formatPercent,
  formatSeconds,
} from '../../../shared/bench/bench-table';
import { fieldList, flattenFields, formatIsoTime, timingList } from './report-fields';
import { benchPlotSvg, benchReportPlots, type BenchPlot } from './report-plots';
import { REPORT_STYLE } from './report-style';
import { resultsTable, storageTable } from './report-tables';
import { escapeXml as esc } from './svg-plot';

export interface BenchReportOptions {
  generatedAt: string;
  appVersion: string;
}

const STATUS_NAME: Record<BenchResultDto['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

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
    `<style>${REPORT_STYLE}</style>`,
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
