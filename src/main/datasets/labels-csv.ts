/** labels.csv: file,class_index,class_name — RFC 4180 quoting so any class name survives. */
export function buildLabelsCsv(
  rows: readonly { file: string; classIndex: number; className: string }[],
): string {
  const lines = ['file,class_index,class_name'];
  for (const row of rows)
    lines.push([quote(row.file), String(row.classIndex), quote(row.className)].join(','));
  return lines.join('\n') + '\n';
}

/**
 * labels.csv of an .npz export: index,class_index,class_name, where index is the row of the
 * image in the archive's `x` (and of its label in `y`).
 */
export function buildIndexLabelsCsv(rows: readonly { classIndex: number; className: string }[]): string {
  const lines = ['index,class_index,class_name'];
  rows.forEach((row, index) =>
    lines.push([String(index), String(row.classIndex), quote(row.className)].join(',')),
  );
  return lines.join('\n') + '\n';
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Parses what buildLabelsCsv writes (used by tests and re-import checks). For an .npz export's
 * labels.csv, `file` holds the row index as text.
 */
export function parseLabelsCsv(text: string): { file: string; classIndex: number; className: string }[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records.slice(1).map((r) => ({ file: r[0] ?? '', classIndex: Number(r[1]), className: r[2] ?? '' }));
}
