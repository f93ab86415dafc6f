import { describe, expect, it } from 'vitest';
import { importParamsSchema } from '../../../src/shared/api/import-params';
import {
  checkImportForm,
  defaultImportForm,
  fieldOf,
  hexToRgb,
  isAbsolutePath,
  parseSize,
  rgbToHex,
} from '../../../src/renderer/lib/import-form';

const withPath = (extra: Partial<ReturnType<typeof defaultImportForm>> = {}) => ({
  ...defaultImportForm(),
  path: '/data/pets',
  ...extra,
});

describe('import form defaults', () => {
  it('starts from the schema defaults', () => {
    const d = importParamsSchema.parse({ path: '/x' });
    expect(defaultImportForm()).toEqual({
      path: '',
      format: d.format,
      name: '',
      size: '',
      channels: 'auto',
      resize: d.resize,
      background: '#ffffff',
      testPercent: d.testFraction * 100,
      seed: d.seed,
      duplicates: d.duplicates,
      limitPerClass: null,
    });
  });

  it('sends nothing the user left at "automatic" and lets the schema fill the rest', () => {
    const check = checkImportForm(withPath());
    expect(check).toEqual({
      ok: true,
      params: {
        path: '/data/pets',
        format: 'auto',
        resize: 'crop',
        duplicates: 'keep',
        background: { r: 255, g: 255, b: 255 },
        testFraction: 0.2,
        seed: 0,
      },
    });
    if (!check.ok) return;
    expect(importParamsSchema.parse(check.params)).toEqual(importParamsSchema.parse({ path: '/data/pets' }));
  });
});

describe('import form → params', () => {
  it('converts every choice', () => {
    const check = checkImportForm(
      withPath({
        path: '  C:\\data\\pets  ',
        format: 'folder',
        name: '  Pets ',
        size: '28x32',
        channels: '1',
        resize: 'pad',
        background: '#10ff0A',
        testPercent: 12.5,
        seed: 7,
        duplicates: 'drop',
        limitPerClass: 25,
      }),
    );
    expect(check).toEqual({
      ok: true,
      params: {
        path: 'C:\\data\\pets',
        format: 'folder',
        name: 'Pets',
        size: { height: 28, width: 32 },
        channels: 1,
        resize: 'pad',
        background: { r: 16, g: 255, b: 10 },
        testFraction: 0.125,
        seed: 7,
        duplicates: 'drop',
        limitPerClass: 25,
      },
    });
    if (check.ok) expect(importParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('sends a square size as one number and converts percent without float noise', () => {
    const check = checkImportForm(withPath({ size: '32', testPercent: 7, channels: '3' }));
    expect(check.ok && check.params).toMatchObject({ size: 32, testFraction: 0.07, channels: 3 });
    const square = checkImportForm(withPath({ size: '24 × 24' }));
    expect(square.ok && square.params.size).toBe(24);
    const none = checkImportForm(withPath({ testPercent: 0 }));
    expect(none.ok && none.params.testFraction).toBe(0);
  });

  it('explains what is wrong, field by field', () => {
    expect(
      checkImportForm({
        ...defaultImportForm(),
        path: '',
        size: 'big',
        testPercent: 95,
        seed: 1.5,
        background: 'red',
      }),
    ).toEqual({
      ok: false,
      errors: {
        path: 'Enter the folder or file to import',
        size: 'Enter one number (32) or height × width (28x32), or leave empty',
        testPercent: 'Must be from 0 to 90%',
        seed: 'Must be a whole number',
        background: 'Pick a colour',
      },
    });
    expect(checkImportForm(withPath({ path: 'relative/pets', testPercent: null, seed: null }))).toEqual({
      ok: false,
      errors: {
        path: 'Give the full path, e.g. /home/me/images or C:\\data\\images',
        testPercent: 'Required',
        seed: 'Required',
      },
    });
    expect(checkImportForm(withPath({ size: '2', name: 'n'.repeat(201), seed: -1 }))).toEqual({
      ok: false,
      errors: {
        size: 'Sides must be 4 to 1024 pixels',
        name: 'At most 200 characters',
        seed: 'Must be from 0 to 2147483647',
      },
    });
    expect(checkImportForm(withPath({ testPercent: Number.NaN })).ok).toBe(false);
    for (const limitPerClass of [0, 2.5, -3])
      expect(checkImportForm(withPath({ limitPerClass }))).toEqual({
        ok: false,
        errors: { limitPerClass: 'A whole number from 1, or leave empty for every image' },
      });
    expect(checkImportForm(withPath({ limitPerClass: Number.NaN })).ok).toBe(true);
  });

  it('maps schema keys from server errors to form fields', () => {
    expect(fieldOf('testFraction')).toBe('testPercent');
    expect(fieldOf('size')).toBe('size');
    expect(fieldOf('sizeCap')).toBe('size');
    expect(fieldOf('seed')).toBe('seed');
    expect(fieldOf('limitPerClass')).toBe('limitPerClass');
    expect(fieldOf('somethingElse')).toBe('path');
  });
});

describe('import form helpers', () => {
  it('parses working sizes', () => {
    expect(parseSize('')).toEqual({ ok: true, size: null });
    expect(parseSize(' 64 ')).toEqual({ ok: true, size: 64 });
    expect(parseSize('28x32')).toEqual({ ok: true, size: { height: 28, width: 32 } });
    expect(parseSize('28 X 32')).toEqual({ ok: true, size: { height: 28, width: 32 } });
    expect(parseSize('28*28')).toEqual({ ok: true, size: 28 });
    expect(parseSize('1025').ok).toBe(false);
    expect(parseSize('3x32').ok).toBe(false);
    expect(parseSize('32px').ok).toBe(false);
    expect(parseSize('-4').ok).toBe(false);
  });

  it('converts colours both ways', () => {
    expect(hexToRgb('#ff8000')).toEqual({ r: 255, g: 128, b: 0 });
    expect(hexToRgb('00FF7f')).toEqual({ r: 0, g: 255, b: 127 });
    expect(hexToRgb('#fff')).toBeNull();
    expect(rgbToHex({ r: 255, g: 128, b: 0 })).toBe('#ff8000');
    expect(rgbToHex({ r: 0, g: 0, b: 0 })).toBe('#000000');
    expect(rgbToHex({ r: 300, g: -1, b: 7.6 })).toBe('#ff0008');
  });

  it('recognises absolute paths on every desktop system', () => {
    for (const p of ['/home/me', 'C:\\data', 'd:/data', '\\\\server\\share'])
      expect(isAbsolutePath(p)).toBe(true);
    for (const p of ['data', './data', '~/data', 'C:data', '']) expect(isAbsolutePath(p)).toBe(false);
  });
});
