import type { ImportReportDto } from '../../shared/api/dto';

/** The import report as the CLI prints it: per class counts, skipped files by reason, duplicates. */
export function importReportText(r: ImportReportDto): string {
  const g = r.geometry;
  const lines = [
    `${r.reused ? 'already imported' : r.resumed ? 'resumed and finished' : 'imported'} dataset #${r.datasetId} "${r.name}" (${r.format}) from ${r.source}`,
    `  ${r.imported.train} train + ${r.imported.test} test images at ${g.height}×${g.width}×${g.channels} (${g.resize}); split from ${r.splitSource}`,
    '',
    `  ${'class'.padEnd(24)} ${'train'.padStart(7)} ${'test'.padStart(7)}`,
    ...r.perClass.map(
      (c) =>
        `  ${c.name.slice(0, 24).padEnd(24)} ${String(c.train).padStart(7)} ${String(c.test).padStart(7)}`,
    ),
  ];
  if (r.skipped.total > 0) {
    lines.push('', `  skipped ${r.skipped.total} file(s):`);
    for (const [reason, n] of Object.entries(r.skipped.byReason))
      lines.push(`    ${String(n).padStart(6)}  ${reason}`);
  }
  if (r.duplicates.groups > 0) {
    lines.push(
      '',
      `  ${r.duplicates.groups} group(s) of identical files, ${r.duplicates.extraCopies} extra cop${r.duplicates.extraCopies === 1 ? 'y' : 'ies'} (${r.duplicates.policy === 'keep' ? 'kept; --drop-duplicates skips them' : 'dropped'})`,
    );
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
