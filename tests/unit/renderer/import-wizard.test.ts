import { describe, expect, it } from 'vitest';
import { probeParamsSchema } from '../../../src/shared/api/probe-params';
import { loadDraft, saveDraft, type DraftStorage } from '../../../src/renderer/lib/drafts';
import { defaultImportForm, type ImportFormValues } from '../../../src/renderer/lib/import-form';
import {
  checkStep,
  clampStep,
  defaultImportDraft,
  fieldElementId,
  firstInvalid,
  IMPORT_STEPS,
  importParamsOf,
  lookParamsOf,
  previewParamsOf,
  sourceKey,
  stepHeading,
  stepId,
  usesHoldOut,
} from '../../../src/renderer/lib/import-wizard';
import { probeDto } from './probe-fixture';

const values = (extra: Partial<ImportFormValues> = {}): ImportFormValues => ({
  ...defaultImportForm(),
  path: '/data/pets',
  ...extra,
});

describe('import wizard steps', () => {
  it('says where the user is in words', () => {
    expect(IMPORT_STEPS.map((s) => s.title)).toEqual(['Source', 'Review', 'Settings', 'Start']);
    expect(stepHeading(0)).toBe('Step 1 of 4 — Source');
    expect(stepHeading(1)).toBe('Step 2 of 4 — Review');
    expect(stepHeading(3)).toBe('Step 4 of 4 — Start');
    expect(stepId(2)).toBe('settings');
  });

  it('brings any stored position back into the wizard', () => {
    expect([clampStep(-1), clampStep(9), clampStep(1.5), clampStep(Number.NaN), clampStep(2)]).toEqual([
      0, 3, 0, 0, 2,
    ]);
  });

  it('checks only the source on the first step', () => {
    expect(checkStep('source', values({ size: 'huge' }), null)).toEqual({ ok: true });
    expect(checkStep('source', values({ path: '' }), null)).toEqual({
      ok: false,
      errors: { path: 'Enter the folder or file to import' },
      message: null,
    });
    expect(checkStep('source', values({ path: 'pets' }), null)).toMatchObject({
      ok: false,
      errors: { path: expect.stringMatching(/^Give the full path/) },
    });
  });

  it('goes past the review only with a source that has readable images', () => {
    expect(checkStep('review', values(), null)).toEqual({
      ok: false,
      errors: {},
      message: 'The source has not been looked at yet.',
    });
    expect(checkStep('review', values(), probeDto({ target: null }))).toMatchObject({
      ok: false,
      message: 'No image in this source could be read: go back and choose another folder or file.',
    });
    expect(checkStep('review', values(), probeDto({ total: 0 })).ok).toBe(false);
    expect(checkStep('review', values(), probeDto())).toEqual({ ok: true });
  });

  it('checks the settings on their step, field by field', () => {
    expect(checkStep('settings', values({ size: '2', seed: 1.5, path: '' }), probeDto())).toEqual({
      ok: false,
      errors: { size: 'Sides must be 4 to 1024 pixels', seed: 'Must be a whole number' },
      message: null,
    });
  });

  it('ignores hidden split fields when the source brings its own split', () => {
    const split = probeDto({ splitSource: 'folders' });
    expect(usesHoldOut(split)).toBe(false);
    expect(usesHoldOut(probeDto({ splitSource: 'partial' }))).toBe(true);
    expect(usesHoldOut(null)).toBe(true);
    const leftovers = values({ testPercent: 99, seed: null });
    expect(checkStep('settings', leftovers, split)).toEqual({ ok: true });
    expect(importParamsOf(leftovers, split)).toMatchObject({ testFraction: 0.2, seed: 0 });
    expect(checkStep('settings', leftovers, probeDto()).ok).toBe(false);
    expect(importParamsOf(leftovers, probeDto())).toBeNull();
  });

  it('names the step to go back to when the last step finds a problem', () => {
    expect(checkStep('start', values({ size: 'big' }), probeDto())).toEqual({
      ok: false,
      errors: { size: 'Enter one number (32) or height × width (28x32), or leave empty' },
      message:
        'Go back to Settings: Working size — Enter one number (32) or height × width (28x32), or leave empty.',
    });
    expect(checkStep('start', values({ path: '' }), probeDto())).toMatchObject({
      message: 'Go back to Source: Folder or file to import — Enter the folder or file to import.',
    });
    expect(importParamsOf(values({ name: 'Pets', limitPerClass: 5 }), probeDto())).toEqual({
      path: '/data/pets',
      format: 'auto',
      name: 'Pets',
      resize: 'crop',
      duplicates: 'keep',
      background: { r: 255, g: 255, b: 255 },
      testFraction: 0.2,
      seed: 0,
      limitPerClass: 5,
    });
  });

  it('knows which control to focus for a message', () => {
    expect(firstInvalid({ seed: 'x', size: 'y' })).toBe('size');
    expect(firstInvalid({})).toBeNull();
    expect(fieldElementId('resize')).toBe('import-resize-crop');
    expect(fieldElementId('testPercent')).toBe('import-test-percent');
  });
});

describe('import wizard probes', () => {
  it('looks at a source with whichever settings are valid', () => {
    expect(lookParamsOf(values({ path: '' }))).toBeNull();
    expect(lookParamsOf(values({ path: 'relative' }))).toBeNull();
    const look = lookParamsOf(
      values({ path: ' /data/pets ', size: 'huge', channels: '1', background: 'bad' }),
    );
    expect(look).toEqual({ path: '/data/pets', format: 'auto', resize: 'crop', channels: 1 });
    expect(probeParamsSchema.safeParse(look).success).toBe(true);
  });

  it('previews only valid settings, reusing the listing', () => {
    expect(previewParamsOf(values({ size: 'huge' }))).toBeNull();
    expect(previewParamsOf(values({ background: 'nope' }))).toBeNull();
    const preview = previewParamsOf(values({ size: '12x24', resize: 'pad', background: '#000000' }));
    expect(preview).toEqual({
      path: '/data/pets',
      format: 'auto',
      size: { height: 12, width: 24 },
      resize: 'pad',
      background: { r: 0, g: 0, b: 0 },
      previewCount: 6,
      reuseListing: true,
    });
    expect(probeParamsSchema.safeParse(preview).success).toBe(true);
  });

  it('ties a review to its path and format', () => {
    expect(sourceKey(values())).toBe(sourceKey(values({ path: ' /data/pets ', name: 'other' })));
    expect(sourceKey(values())).not.toBe(sourceKey(values({ format: 'csv' })));
  });
});

describe('import wizard draft', () => {
  it('keeps entries and position, and refuses a draft of the wrong shape', () => {
    const map = new Map<string, string>();
    const storage: DraftStorage = {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
      get length() {
        return map.size;
      },
      key: (i) => [...map.keys()][i] ?? null,
    };
    saveDraft(storage, 'k', { step: 2, values: values({ size: '32', limitPerClass: 4 }) });
    expect(loadDraft(storage, 'k', defaultImportDraft())).toEqual({
      step: 2,
      values: values({ size: '32', limitPerClass: 4 }),
    });
    map.set('k', JSON.stringify({ step: 'far', values: { path: 7, resize: 'pad' } }));
    expect(loadDraft(storage, 'k', defaultImportDraft())).toEqual({
      step: 0,
      values: { ...defaultImportForm(), resize: 'pad' },
    });
  });
});
