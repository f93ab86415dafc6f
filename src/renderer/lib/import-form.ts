import { importParamsSchema, type ImportParamsInput } from '../../shared/api/import-params';

export type ImportFormat = 'auto' | 'folder' | 'idx' | 'cifar' | 'csv';

/** The import form as bound to inputs: text fields are strings, number inputs give null when empty. */
export interface ImportFormValues {
  path: string;
  format: ImportFormat;
  /** Empty: the source folder's or file's name. */
  name: string;
  /** Working size: "" (automatic), "32" (square) or "28x32" (height × width). */
  size: string;
  channels: 'auto' | '1' | '3';
  resize: 'crop' | 'pad';
  /** "#rrggbb", as an `<input type="color">` gives it. */
  background: string;
  /** Share of each class held out for testing, in percent (the schema's testFraction × 100). */
  testPercent: number | null;
  seed: number | null;
  duplicates: 'keep' | 'drop';
  /** At most this many images per class and split, for a quick trial; null: all. */
  limitPerClass: number | null;
}

export type ImportField = keyof ImportFormValues;
export type ImportFormCheck =
  { ok: true; params: ImportParamsInput } | { ok: false; errors: Partial<Record<ImportField, string>> };

/** Choices shown in the form, each with a short plain-language explanation. */
export const FORMAT_CHOICES: readonly { value: ImportFormat; label: string; hint: string }[] = [
  { value: 'auto', label: 'Detect automatically', hint: 'Looks at the folder or file and picks the format.' },
  {
    value: 'folder',
    label: 'Image folders',
    hint: 'One sub-folder per class (cat/, dog/…), optionally inside train/ and test/.',
  },
  {
    value: 'idx',
    label: 'IDX (MNIST style)',
    hint: 'The …-images-idx3-ubyte and …-labels-idx1-ubyte files.',
  },
  { value: 'cifar', label: 'CIFAR-10/100 binary', hint: 'The data_batch_*.bin / test_batch.bin files.' },
  {
    value: 'csv',
    label: 'CSV manifest',
    hint: 'A CSV listing each image file and its label (and optionally its split).',
  },
];

export const CHANNEL_CHOICES: readonly { value: ImportFormValues['channels']; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: '1', label: '1 — greyscale' },
  { value: '3', label: '3 — colour (RGB)' },
];

export const RESIZE_CHOICES: readonly { value: ImportFormValues['resize']; label: string; hint: string }[] = [
  { value: 'crop', label: 'Crop', hint: 'Scale the short side and centre-crop to a square.' },
  { value: 'pad', label: 'Pad', hint: 'Fit inside and pad with the background colour.' },
];

export const DUPLICATE_CHOICES: readonly {
  value: ImportFormValues['duplicates'];
  label: string;
  hint: string;
}[] = [
  { value: 'keep', label: 'Keep', hint: 'Import every copy; the report lists identical files.' },
  { value: 'drop', label: 'Drop', hint: 'Import the first copy only; the others are skipped.' },
];

/** Initial values: the schema's own defaults, so the form and the CLI start from the same place. */
export function defaultImportForm(): ImportFormValues {
  const d = importParamsSchema.parse({ path: '.' });
  return {
    path: '',
    format: d.format,
    name: '',
    size: '',
    channels: 'auto',
    resize: d.resize,
    background: rgbToHex(d.background),
    testPercent: roundPercent(d.testFraction * 100),
    seed: d.seed,
    duplicates: d.duplicates,
    limitPerClass: null,
  };
}

/** The longest side of the automatic working size (the schema's sizeCap default). */
export function defaultSizeCap(): number {
  return importParamsSchema.parse({ path: '.' }).sizeCap;
}

/**
 * An absolute path on any desktop system: "/…", "C:\…" or "C:/…", or a UNC "\\server\…". The
 * backend resolves relative paths against its own working folder, which means nothing to a
 * person typing in the browser, so the form asks for a full path.
 */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);
}

export type ParsedSize =
  { ok: true; size: number | { height: number; width: number } | null } | { ok: false; message: string };

/** "" → automatic; "32" → 32; "28x32", "28 × 32", "28*32" → { height: 28, width: 32 }. */
export function parseSize(text: string): ParsedSize {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, size: null };
  const match = /^(\d+)(?:\s*[x×*X,]\s*(\d+))?$/.exec(trimmed);
  if (!match)
    return { ok: false, message: 'Enter one number (32) or height × width (28x32), or leave empty' };
  const height = Number(match[1]);
  const width = match[2] === undefined ? height : Number(match[2]);
  if ([height, width].some((n) => n < 4 || n > 1024))
    return { ok: false, message: 'Sides must be 4 to 1024 pixels' };
  if (match[2] === undefined || height === width) return { ok: true, size: height };
  return { ok: true, size: { height, width } };
}

export function hexToRgb(hex: string): { r: number; g: number; b: number } | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  return { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16) };
}

export function rgbToHex({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.max(0, Math.min(255, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function roundPercent(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function missing(value: number | null): value is null {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Validates the form and returns the params `datasets.import` takes, or per-field messages. */
export function checkImportForm(values: ImportFormValues): ImportFormCheck {
  const errors: Partial<Record<ImportField, string>> = {};
  const params: Record<string, unknown> = {
    format: values.format,
    resize: values.resize,
    duplicates: values.duplicates,
  };

  const path = values.path.trim();
  if (path === '') errors.path = 'Enter the folder or file to import';
  else if (!isAbsolutePath(path))
    errors.path = 'Give the full path, e.g. /home/me/images or C:\\data\\images';
  else params.path = path;

  const name = values.name.trim();
  if (name.length > 200) errors.name = 'At most 200 characters';
  else if (name) params.name = name;

  const size = parseSize(values.size);
  if (!size.ok) errors.size = size.message;
  else if (size.size !== null) params.size = size.size;

  if (values.channels !== 'auto') params.channels = Number(values.channels);

  const background = hexToRgb(values.background);
  if (!background) errors.background = 'Pick a colour';
  else params.background = background;

  if (missing(values.testPercent)) errors.testPercent = 'Required';
  else if (values.testPercent < 0 || values.testPercent > 90) errors.testPercent = 'Must be from 0 to 90%';
  else params.testFraction = roundPercent(values.testPercent / 100);

  if (missing(values.seed)) errors.seed = 'Required';
  else if (!Number.isInteger(values.seed)) errors.seed = 'Must be a whole number';
  else if (values.seed < 0 || values.seed > 2 ** 31 - 1) errors.seed = 'Must be from 0 to 2147483647';
  else params.seed = values.seed;

  if (!missing(values.limitPerClass)) {
    if (!Number.isInteger(values.limitPerClass) || values.limitPerClass < 1)
      errors.limitPerClass = 'A whole number from 1, or leave empty for every image';
    else params.limitPerClass = values.limitPerClass;
  }

  // The schema has the last word; anything it still refuses lands on its field.
  if (Object.keys(errors).length === 0) {
    const parsed = importParamsSchema.safeParse(params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOf(String(issue.path[0] ?? ''));
        if (!(field in errors)) errors[field] = issue.message;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, params: params as ImportParamsInput };
}

/** The form field behind a schema key (from our own check or a bad_request envelope's details). */
export function fieldOf(key: string): ImportField {
  if (key === 'testFraction') return 'testPercent';
  if (key === 'sizeCap') return 'size';
  const known: ImportField[] = [
    'path',
    'format',
    'name',
    'size',
    'channels',
    'resize',
    'background',
    'seed',
    'duplicates',
    'limitPerClass',
  ];
  return (known as string[]).includes(key) ? (key as ImportField) : 'path';
}
