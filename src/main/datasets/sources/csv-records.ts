import { ApiError } from '../../../shared/rpc/errors';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 parsing: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF
 * and CR all end records; a leading byte-order mark is dropped; blank lines are skipped.
 */
export function parseCsvRecords(text: string, name = 'CSV'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '' || fieldWasQuoted) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };
  for (let i = start; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      // A quote inside an unquoted field is kept as text, as most spreadsheets do.
      field += ch;
    }
  }
  if (quoted)
    throw new ApiError(
      'invalid_data',
      `${name}: a quoted field opened on line ${quoteLine} is never closed`,
      { line: quoteLine },
    );
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}
