import type { ImportParamsInput } from '../../shared/api/import-params';
import type { ProbeDto } from '../../shared/api/probe-dto';
import type { ProbeParamsInput } from '../../shared/api/probe-params';
import {
  checkImportForm,
  defaultImportForm,
  hexToRgb,
  isAbsolutePath,
  parseSize,
  type ImportField,
  type ImportFormValues,
} from './import-form';

/**
 * The import wizard's steps, as plain logic: which step may be left for the next one and why
 * not, in words. Source → Review (what was found, before importing) → Settings (with a live
 * preview) → Start. The components only render what these functions decide.
 */
export const IMPORT_STEPS = [
  {
    id: 'source',
    title: 'Source',
    intro:
      'Where the images are: a folder with one sub-folder per class, a CSV list of files and labels, or IDX / CIFAR files. Nothing is imported yet.',
  },
  {
    id: 'review',
    title: 'Review',
    intro:
      'What was found in the source, before anything is imported. Check that the classes and counts look right.',
  },
  {
    id: 'settings',
    title: 'Settings',
    intro:
      'How every image is stored. The preview shows a few of them decoded exactly as the import will, with these settings.',
  },
  {
    id: 'start',
    title: 'Start',
    intro:
      'Check the choices, then start. Progress, and then a report of what was imported and skipped, show below.',
  },
] as const;

export type ImportStepId = (typeof IMPORT_STEPS)[number]['id'];

export const LAST_STEP = IMPORT_STEPS.length - 1;

export function stepId(index: number): ImportStepId {
  return IMPORT_STEPS[clampStep(index)]!.id;
}

/** "Step 2 of 4 — Review": the position in words, never by colour alone. */
export function stepHeading(index: number): string {
  const i = clampStep(index);
  return `Step ${i + 1} of ${IMPORT_STEPS.length} — ${IMPORT_STEPS[i]!.title}`;
}

/** A stored step position may be anything: bring it back into the wizard. */
export function clampStep(index: number): number {
  return Number.isInteger(index) ? Math.min(LAST_STEP, Math.max(0, index)) : 0;
}

/** What the draft keeps: the entries and where the user was. */
export interface ImportDraft {
  step: number;
  values: ImportFormValues;
}

export function defaultImportDraft(): ImportDraft {
  return { step: 0, values: defaultImportForm() };
}

/** The fields each step shows (and so checks before going on). */
export const STEP_FIELDS: Record<ImportStepId, readonly ImportField[]> = {
  source: ['path', 'format'],
  review: [],
  settings: [
    'name',
    'size',
    'channels',
    'resize',
    'background',
    'testPercent',
    'seed',
    'duplicates',
    'limitPerClass',
  ],
  start: [],
};

/** Each field's label, for messages that name a field shown on another step. */
export const FIELD_LABELS: Record<ImportField, string> = {
  path: 'Folder or file to import',
  format: 'Format',
  name: 'Name',
  size: 'Working size',
  channels: 'Channels',
  resize: 'Resize policy',
  background: 'Background colour',
  testPercent: 'Test share (%)',
  seed: 'Seed',
  duplicates: 'Identical images',
  limitPerClass: 'Limit per class',
};

/** The control each field's message belongs to, to move the focus there (radio groups: the first). */
export function fieldElementId(field: ImportField): string {
  const ids: Record<ImportField, string> = {
    path: 'import-path',
    format: 'import-format',
    name: 'import-name',
    size: 'import-size',
    channels: 'import-channels',
    resize: 'import-resize-crop',
    background: 'import-background',
    testPercent: 'import-test-percent',
    seed: 'import-seed',
    duplicates: 'import-duplicates-keep',
    limitPerClass: 'import-limit',
  };
  return ids[field];
}

/** The first field with a message, in the order the fields are shown. */
export function firstInvalid(errors: Partial<Record<ImportField, string>>): ImportField | null {
  const order = IMPORT_STEPS.flatMap((s) => STEP_FIELDS[s.id]);
  return order.find((f) => errors[f] !== undefined) ?? null;
}

export function stepOfField(field: ImportField): number {
  return Math.max(
    0,
    IMPORT_STEPS.findIndex((s) => STEP_FIELDS[s.id].includes(field)),
  );
}

export type StepCheck =
  { ok: true } | { ok: false; errors: Partial<Record<ImportField, string>>; message: string | null };

/** Whether the import holds out a test share (so its share and seed matter). Unknown source: yes. */
export function usesHoldOut(review: ProbeDto | null): boolean {
  return !review || review.splitSource === 'hold-out' || review.splitSource === 'partial';
}

/**
 * The values the import is sent: when the source brings its own split, the hidden share and
 * seed do not matter, so a bad leftover there (an old draft) falls back to the default.
 */
function effectiveValues(values: ImportFormValues, review: ProbeDto | null): ImportFormValues {
  if (usesHoldOut(review)) return values;
  const d = defaultImportForm();
  const check = checkImportForm(values);
  if (check.ok) return values;
  return {
    ...values,
    testPercent: 'testPercent' in check.errors ? d.testPercent : values.testPercent,
    seed: 'seed' in check.errors ? d.seed : values.seed,
  };
}

/** May the wizard leave `step` for the next one? If not, what is wrong, per field and in words. */
export function checkStep(step: ImportStepId, values: ImportFormValues, review: ProbeDto | null): StepCheck {
  if (step === 'review') {
    if (!review) return { ok: false, errors: {}, message: 'The source has not been looked at yet.' };
    if (review.total === 0)
      return {
        ok: false,
        errors: {},
        message: 'The source lists no image to import: go back and choose another folder or file.',
      };
    if (!review.target)
      return {
        ok: false,
        errors: {},
        message: 'No image in this source could be read: go back and choose another folder or file.',
      };
    return { ok: true };
  }
  const check = checkImportForm(effectiveValues(values, review));
  if (check.ok) return { ok: true };
  const shown: readonly string[] = step === 'start' ? Object.keys(FIELD_LABELS) : STEP_FIELDS[step];
  const errors = Object.fromEntries(
    Object.entries(check.errors).filter(([field]) => shown.includes(field)),
  ) as Partial<Record<ImportField, string>>;
  if (Object.keys(errors).length === 0) return { ok: true };
  if (step !== 'start') return { ok: false, errors, message: null };
  // The last step shows no fields: say which step to go back to.
  const field = firstInvalid(errors) as ImportField;
  const back = IMPORT_STEPS[stepOfField(field)]!.title;
  return { ok: false, errors, message: `Go back to ${back}: ${FIELD_LABELS[field]} — ${errors[field]}.` };
}

/** The request `datasets.import` is sent from the last step, or null while something is wrong. */
export function importParamsOf(values: ImportFormValues, review: ProbeDto | null): ImportParamsInput | null {
  const check = checkImportForm(effectiveValues(values, review));
  return check.ok ? check.params : null;
}

/** Identifies the source a review belongs to: another path or format needs another look. */
export function sourceKey(values: Pick<ImportFormValues, 'path' | 'format'>): string {
  return `${values.format}\u0000${values.path.trim()}`;
}

type DecodeSettings = Pick<ProbeParamsInput, 'size' | 'channels' | 'resize' | 'background'>;

/** The decode settings that are valid now, and whether any typed one is not. */
function decodeSettings(values: ImportFormValues): { settings: DecodeSettings; invalid: boolean } {
  const settings: DecodeSettings = { resize: values.resize };
  let invalid = false;
  const size = parseSize(values.size);
  if (!size.ok) invalid = true;
  else if (size.size !== null) settings.size = size.size;
  if (values.channels !== 'auto') settings.channels = values.channels === '1' ? 1 : 3;
  const background = hexToRgb(values.background);
  if (background) settings.background = background;
  else invalid = true;
  return { settings, invalid };
}

function sourceOf(values: ImportFormValues): Pick<ProbeParamsInput, 'path' | 'format'> | null {
  const path = values.path.trim();
  return path && isAbsolutePath(path) ? { path, format: values.format } : null;
}

/**
 * The look that leads to the review: always a fresh listing (the user may have just tidied the
 * folder), with whichever settings are valid (a bad one from a draft must not block the look).
 */
export function lookParamsOf(values: ImportFormValues): ProbeParamsInput | null {
  const source = sourceOf(values);
  return source ? { ...source, ...decodeSettings(values).settings } : null;
}

export const PREVIEW_COUNT = 6;

/**
 * The live preview's request: the review's listing again, decoded with the current settings;
 * null while a decode setting is invalid, so the preview never shows settings other than the
 * ones on screen.
 */
export function previewParamsOf(values: ImportFormValues): ProbeParamsInput | null {
  const source = sourceOf(values);
  const { settings, invalid } = decodeSettings(values);
  if (!source || invalid) return null;
  return { ...source, ...settings, previewCount: PREVIEW_COUNT, reuseListing: true };
}
