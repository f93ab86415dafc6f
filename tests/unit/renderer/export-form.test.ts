import { describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/api/contract';
import type { CompressedSetDto, ExportResultDto, JobDto } from '../../../src/shared/api/dto';
import { jobTitle } from '../../../src/renderer/lib/job-rows';
import { ApiError } from '../../../src/shared/rpc/errors';
import {
  asExportResult,
  checkExportForm,
  defaultExportForm,
  describePreview,
  describeSet,
  describeSetDetails,
  exportErrorMessage,
  exportJobFor,
  newestSet,
  previewRequest,
  summarizeExport,
} from '../../../src/renderer/lib/export-form';
import type { ExportPreviewDto } from '../../../src/shared/api/export-preview-dto';

function set(id: number, extra: Partial<CompressedSetDto> = {}): CompressedSetDto {
  return {
    id,
    datasetId: 1,
    datasetName: 'fashion-sample',
    selectionId: id,
    kind: 'subset',
    grid: 1,
    resolution: 28,
    method: 'random',
    rule: 'uniform',
    ipc: 2,
    seed: 0,
    images: 20,
    classes: 10,
    params: {},
    selectionParams: {},
    exports: 0,
    createdAt: '2024-03-05T07:08:09',
    ...extra,
  };
}

describe('export form', () => {
  it('starts with the newest set, PNG and no replacing', () => {
    expect(defaultExportForm([set(1), set(4), set(2)])).toEqual({
      setId: 4,
      dir: '',
      format: 'png',
      quality: 95,
      replace: false,
    });
    expect(defaultExportForm().setId).toBeNull();
    expect(newestSet([])).toBeNull();
  });

  it('turns the form into exports.start (and exports.create) params the contract accepts', () => {
    const png = checkExportForm({ setId: 3, dir: ' /tmp/out ', format: 'png', quality: 95, replace: false });
    expect(png).toEqual({ ok: true, params: { setId: 3, dir: '/tmp/out', format: 'png', replace: false } });
    const jpeg = checkExportForm({ setId: 3, dir: 'C:\\out', format: 'jpeg', quality: 80, replace: true });
    expect(jpeg).toEqual({
      ok: true,
      params: { setId: 3, dir: 'C:\\out', format: 'jpeg', quality: 80, replace: true },
    });
    const npz = checkExportForm({ setId: 3, dir: '/o', format: 'npz', quality: null, replace: false });
    expect(npz.ok && 'quality' in npz.params).toBe(false);
    for (const check of [png, jpeg, npz]) {
      if (!check.ok) throw new Error('expected ok');
      for (const method of ['exports.start', 'exports.create'] as const)
        expect(methods[method].params.safeParse({ project: 'p', ...check.params }).success).toBe(true);
    }
  });

  it('explains what is missing or wrong', () => {
    expect(checkExportForm({ setId: null, dir: '', format: 'jpeg', quality: null, replace: false })).toEqual({
      ok: false,
      errors: { setId: 'Choose a compressed set', dir: 'Enter the folder to export to', quality: 'Required' },
    });
    expect(checkExportForm({ setId: 1, dir: 'out', format: 'jpeg', quality: 101, replace: false })).toEqual({
      ok: false,
      errors: {
        dir: 'Give the full path, e.g. /home/me/export or C:\\data\\export',
        quality: 'Must be a whole number from 1 to 100',
      },
    });
    // Quality is ignored (and not checked) for lossless formats.
    expect(checkExportForm({ setId: 1, dir: '/o', format: 'png', quality: 0, replace: false }).ok).toBe(true);
  });

  it('describes sets for the picker', () => {
    expect(describeSet(set(2))).toBe('#2 · random subset, 2 per class · 20 images');
    expect(describeSet(set(5, { method: 'herding', grid: 2, images: 1234 }))).toBe(
      '#5 · herding, 2×2 mosaics, 2 per class · 1,234 images',
    );
    expect(describeSetDetails(set(2))).toBe(
      'From fashion-sample, 10 classes at 28 px, seed 0 · made 2024-03-05 07:08:09 · not exported yet',
    );
    expect(describeSetDetails(set(2, { exports: 1 }))).toMatch(/exported 1 time$/);
    expect(describeSetDetails(set(2, { exports: 3 }))).toMatch(/exported 3 times$/);
  });

  it('summarises an export', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ path: `f${i}`, bytes: 10, sha256: 'x' }));
    const result: ExportResultDto = {
      exportId: 1,
      setId: 2,
      dir: '/tmp/out',
      format: 'jpeg',
      quality: 80,
      images: 5,
      bytes: 3072,
      storedImageBytes: 2000,
      files,
      perClass: [],
      manifestSha256: 'm',
      replaced: false,
      warnings: [],
    };
    expect(summarizeExport(result)).toEqual({
      location: '/tmp/out',
      format: 'JPEG, quality 80',
      files: '7 files',
      bytes: '3.0 KiB',
      images: '5',
      firstFiles: ['f0', 'f1', 'f2', 'f3', 'f4'],
      moreFiles: 2,
    });
    const one = summarizeExport({ ...result, format: 'npz', quality: null, files: files.slice(0, 1) });
    expect(one).toMatchObject({ format: 'NPZ (NumPy)', files: '1 file', moreFiles: 0 });
    expect(summarizeExport({ ...result, format: 'png', quality: null }).format).toBe('PNG (lossless)');
  });

  it('names the checkbox instead of the CLI flag in a not-empty error', () => {
    const error = new ApiError(
      'conflict',
      'export folder /o exists and is not empty; choose another folder, empty it, or replace it (--replace)',
    );
    expect(exportErrorMessage(error)).toBe(
      'export folder /o exists and is not empty; choose another folder, empty it, or replace it (tick “Replace a non-empty folder”)',
    );
    expect(exportErrorMessage(new ApiError('io_error', 'disk full (--replace)'))).toBe(
      'disk full (--replace)',
    );
  });
});

describe('export preview', () => {
  const form = { setId: 3, dir: '', format: 'png', quality: 95, replace: false } as const;

  it('asks for the set, format and jpeg quality only, once they are valid', () => {
    expect(previewRequest(form)).toEqual({ setId: 3, format: 'png' });
    // The folder and replacing do not change what is written: not asked about.
    expect(previewRequest({ ...form, dir: '/x', replace: true })).toEqual({ setId: 3, format: 'png' });
    expect(previewRequest({ ...form, format: 'npz', quality: null })).toEqual({ setId: 3, format: 'npz' });
    expect(previewRequest({ ...form, format: 'jpeg', quality: 80 })).toEqual({
      setId: 3,
      format: 'jpeg',
      quality: 80,
    });
    for (const quality of [null, 0, 101, 7.5, Number.NaN])
      expect(previewRequest({ ...form, format: 'jpeg', quality })).toBeNull();
    expect(previewRequest({ ...form, setId: null })).toBeNull();
    for (const values of [form, { ...form, format: 'jpeg', quality: 80 } as const]) {
      const params = previewRequest(values);
      expect(methods['exports.preview'].params.safeParse({ project: 'p', ...params }).success).toBe(true);
    }
  });

  const png: ExportPreviewDto = {
    setId: 3,
    format: 'png',
    quality: null,
    files: 3002,
    bytes: 3_541_889,
    exact: false,
    images: 3000,
    classes: 10,
    breakdown: [
      { what: 'images', files: 3000, bytes: 3_000_000 },
      { what: 'labels.csv', files: 1, bytes: 120_000 },
      { what: 'manifest.json', files: 1, bytes: 421_889 },
    ],
    basis: '200 of 3,000 images (a seeded sample spread over the classes) were encoded as PNG.',
  };

  it('says how many files and bytes, by part, and how exact', () => {
    expect(describePreview(png)).toEqual({
      headline: 'Will write 3,002 files, about 3.4 MiB (3,000 PNG images, labels.csv and manifest.json)',
      rows: [
        { what: 'Images (PNG)', files: '3,000', bytes: '2.9 MiB' },
        { what: 'labels.csv', files: '1', bytes: '117.2 KiB' },
        { what: 'manifest.json', files: '1', bytes: '412.0 KiB' },
      ],
      basis: 'Estimated. 200 of 3,000 images (a seeded sample spread over the classes) were encoded as PNG.',
      exact: false,
    });
  });

  it('names jpeg quality, npz and model files', () => {
    const jpeg = describePreview({
      ...png,
      format: 'jpeg',
      quality: 80,
      exact: true,
      files: 5,
      bytes: 7856,
      breakdown: [
        { what: 'images', files: 1, bytes: 700 },
        { what: 'model files', files: 2, bytes: 4096 },
        { what: 'labels.csv', files: 1, bytes: 60 },
        { what: 'manifest.json', files: 1, bytes: 3000 },
      ],
      basis: 'All 1 images were encoded.',
    });
    expect(jpeg.headline).toBe(
      'Will write 5 files, about 7.7 KiB (1 JPEG q80 image, 2 model files, labels.csv and manifest.json)',
    );
    expect(jpeg.rows.map((r) => r.what)).toEqual([
      'Images (JPEG q80)',
      'Model files (model/)',
      'labels.csv',
      'manifest.json',
    ]);
    expect(jpeg.basis).toMatch(/^Exact\. All/);
    const npz = describePreview({
      ...png,
      format: 'npz',
      files: 3,
      bytes: 2048,
      breakdown: [
        { what: 'compressed.npz', files: 1, bytes: 1024 },
        { what: 'labels.csv', files: 1, bytes: 512 },
        { what: 'manifest.json', files: 1, bytes: 512 },
      ],
    });
    expect(npz.headline).toBe(
      'Will write 3 files, about 2.0 KiB (compressed.npz, labels.csv and manifest.json)',
    );
  });
});

function job(id: number, extra: Partial<JobDto> = {}): JobDto {
  return {
    id,
    kind: 'export',
    status: 'running',
    params: { setId: 2, dir: '/data/out/fashion-png', format: 'png', replace: false },
    progress: null,
    result: null,
    error: null,
    createdAt: '2024-03-05T07:08:09',
    startedAt: '2024-03-05T07:08:09',
    finishedAt: null,
    ...extra,
  };
}

const exported: ExportResultDto = {
  exportId: 4,
  setId: 2,
  dir: '/data/out/fashion-png',
  format: 'png',
  quality: null,
  images: 10,
  bytes: 4096,
  storedImageBytes: 3000,
  files: [{ path: 'labels.csv', bytes: 10, sha256: 'x' }],
  perClass: [],
  manifestSha256: 'm',
  replaced: false,
  warnings: [],
};

describe('export job', () => {
  it('follows the job started here, else the newest export job', () => {
    const jobs = [job(1), job(5, { kind: 'train' }), job(3), job(2)];
    expect(exportJobFor(jobs, null)?.id).toBe(3);
    expect(exportJobFor(jobs, 1)?.id).toBe(1);
    // A job started here but not listed yet: the newest export job until it is.
    expect(exportJobFor(jobs, 9)?.id).toBe(3);
    expect(exportJobFor([job(5, { kind: 'demo' })], null)).toBeNull();
  });

  it("reads the job's result as the export's, and nothing else", () => {
    expect(asExportResult(exported)).toBe(exported);
    expect(asExportResult(JSON.parse(JSON.stringify({ ...exported, quality: 80, format: 'jpeg' })))).toEqual({
      ...exported,
      quality: 80,
      format: 'jpeg',
    });
    for (const bad of [
      null,
      undefined,
      'done',
      [],
      { ...exported, dir: 1 },
      { ...exported, format: 'gif' },
      { ...exported, quality: '80' },
      { ...exported, images: undefined },
      { ...exported, files: [{ bytes: 1 }] },
      { ...exported, files: null },
      { ...exported, warnings: 'none' },
      { ...exported, replaced: 0 },
      // A training job's result is not an export's.
      { runs: [], meanAccuracy: 0.7 },
    ])
      expect(asExportResult(bad)).toBeNull();
  });

  it("titles an export job by its set, format and folder's name", () => {
    expect(jobTitle(job(1))).toBe('Export · set #2 · PNG · to fashion-png');
    expect(jobTitle(job(1, { params: { setId: 2, format: 'jpeg', dir: 'C:\\data\\x\\' } }))).toBe(
      'Export · set #2 · JPEG · to x',
    );
    expect(jobTitle(job(1, { params: null }))).toBe('Export');
  });
});
