/**
 * A benchmark's results as Markdown tables, for docs: accuracy (mean ± std over seeds) with
 * methods as rows and IPC as columns, per label mode; the difference to random; and storage.
 * Reads the results.json a benchmark report folder holds.
 *
 *   node bin/run-ts.mjs scripts/bench-markdown.ts <report-dir>/results.json
 */
import { readFileSync } from 'node:fs';
import type { BenchResultDto } from '../src/shared/api/bench-dto';
import { BENCH_METHOD_LABEL, BENCH_METHODS } from '../src/shared/api/bench-params';

const file = process.argv[2];
if (!file) throw new Error('usage: bench-markdown.ts <results.json>');
const r = JSON.parse(readFileSync(file, 'utf8')) as BenchResultDto | { result: BenchResultDto };
const result: BenchResultDto = 'result' in r ? r.result : r;
const ipcs = [...new Set(result.cells.map((c) => c.ipc))].sort((a, b) => a - b);
const methods = BENCH_METHODS.filter((m) => result.cells.some((c) => c.method === m));
const labels = (['hard', 'soft'] as const).filter((l) => result.cells.some((c) => c.labels === l));
const pct = (x: number | null) => (x === null ? '—' : (x * 100).toFixed(1));
const cell = (m: string, ipc: number, l: string) =>
  result.cells.find((c) => c.method === m && c.ipc === ipc && c.labels === l);
const kb = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);

const out: string[] = [];
for (const l of labels) {
  out.push(
    `**${l === 'hard' ? 'Hard' : 'Soft'} labels**: test accuracy %, mean ± std over seeds (★ best of the column)`,
    '',
  );
  out.push(
    `| method | ${ipcs.map((i) => `IPC ${i}`).join(' | ')} |`,
    `|---|${ipcs.map(() => '---:').join('|')}|`,
  );
  const best = new Map(
    ipcs.map((i) => [i, Math.max(...methods.map((m) => cell(m, i, l)?.mean ?? -1))] as const),
  );
  for (const m of methods)
    out.push(
      `| ${BENCH_METHOD_LABEL[m]} | ${ipcs
        .map((i) => {
          const c = cell(m, i, l);
          if (!c || c.mean === null) return '—';
          const star = c.mean === best.get(i) ? ' ★' : '';
          return `${pct(c.mean)} ± ${pct(c.std)}${star}`;
        })
        .join(' | ')} |`,
    );
  out.push('');
}
out.push('**Difference to random** (points, same IPC and label mode)', '');
out.push(
  `| method | ${labels.flatMap((l) => ipcs.map((i) => `${l} ${i}`)).join(' | ')} |`,
  `|---|${labels.flatMap(() => ipcs.map(() => '---:')).join('|')}|`,
);
for (const m of methods.filter((x) => x !== 'random'))
  out.push(
    `| ${BENCH_METHOD_LABEL[m]} | ${labels
      .flatMap((l) =>
        ipcs.map((i) => {
          const v = cell(m, i, l)?.vsRandom;
          return v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;
        }),
      )
      .join(' | ')} |`,
  );
out.push('', '**Storage** (PNG as exported; soft labels as float16 per stored image and epoch)', '');
out.push('| method | IPC | stored images | source images | PNG | of the full split | soft labels | epochs |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const s of [...result.sets].sort(
  (a, b) => a.ipc - b.ipc || BENCH_METHODS.indexOf(a.method) - BENCH_METHODS.indexOf(b.method),
))
  out.push(
    `| ${BENCH_METHOD_LABEL[s.method]} | ${s.ipc} | ${s.images} | ${s.sourceImages} | ${kb(s.pngBytes)} | ${(s.ratioToFull * 100).toFixed(2)} % | ${kb(s.softLabelBytes)} | ${s.epochs} |`,
  );
console.log(out.join('\n'));
