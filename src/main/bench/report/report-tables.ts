/**
 * The report's tables as HTML: the results (one group per label mode, the best mean at its IPC
 * marked ★) and the storage of every compressed set against the full training split.
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import type { BenchMethod } from '../../../shared/api/bench-params';
import { methodStyle } from '../../../shared/bench/bench-plots';
import {
  benchResultRows,
  benchStorageRows,
  DASH,
  formatBytes,
  formatCount,
  formatMeanStd,
  formatPoints,
  formatRatio,
  formatSeconds,
  formatSeeds,
  labelModesPresent,
  type BenchResultRow,
} from '../../../shared/bench/bench-table';
import { MODE_NAME } from './report-plots';
import { escapeXml as esc, markerSvg } from './svg-plot';

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

export function resultsTable(result: BenchResultDto): string {
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

export function storageTable(result: BenchResultDto): string {
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
