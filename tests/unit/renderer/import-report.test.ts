import { describe, expect, it } from 'vitest';
import type { ImportReportDto } from '../../../src/shared/api/dto';
import { ApiError } from '../../../src/shared/rpc/errors';
import {
  asImportReport,
  describeDuplicates,
  describeGeometry,
  describeOutcome,
  describeResize,
  describeSplit,
  describeTime,
  groupSkipped,
  pathWithin,
  reportLoadProblem,
  skipReasonLabel,
} from '../../../src/renderer/lib/import-report';

const report: ImportReportDto = {
  datasetId: 3,
  name: 'pets',
  format: 'folder',
  source: '/data/pets',
  reused: false,
  resumed: false,
  geometry: { height: 32, width: 32, channels: 3, resize: 'crop', background: { r: 255, g: 255, b: 255 } },
  splitSource: 'hold-out',
  imported: { train: 8, test: 2 },
  perClass: [
    { index: 0, name: 'cat', train: 4, test: 1 },
    { index: 1, name: 'dog', train: 4, test: 1 },
  ],
  skipped: {
    total: 5,
    byReason: { 'not-an-image': 1, 'zero-bytes': 1, hidden: 3 },
    examples: [
      { path: '/data/pets/cat/notes.png', reason: 'not-an-image', detail: 'content is text' },
      { path: '/data/pets/.DS_Store', reason: 'hidden' },
      { path: '/data/pets/dog/empty.jpg', reason: 'zero-bytes' },
    ],
  },
  duplicates: {
    groups: 1,
    extraCopies: 2,
    policy: 'keep',
    examples: [['/data/pets/cat/a.png', '/data/pets/dog/a.png']],
  },
  warnings: ['class "bird" has no usable image'],
  seconds: 1.2,
  peakRssMb: 120,
};

describe('import report', () => {
  it('recognises a report and rejects other job results', () => {
    expect(asImportReport(report)).toBe(report);
    expect(asImportReport(null)).toBeNull();
    expect(asImportReport({ datasetId: 1, ipc: 2 })).toBeNull();
    expect(asImportReport('done')).toBeNull();
  });

  it('groups skipped files by reason, most frequent first, with their examples', () => {
    const groups = groupSkipped(report);
    expect(groups.map((g) => [g.reason, g.count, g.examples.length, g.notListed])).toEqual([
      ['hidden', 3, 1, 2],
      ['not-an-image', 1, 1, 0],
      ['zero-bytes', 1, 1, 0],
    ]);
    expect(groups[1]).toMatchObject({
      label: 'Not an image',
      examples: [{ path: '/data/pets/cat/notes.png', shortPath: 'cat/notes.png', detail: 'content is text' }],
    });
    expect(groups[2]!.examples[0]).toEqual({
      path: '/data/pets/dog/empty.jpg',
      shortPath: 'dog/empty.jpg',
      detail: null,
    });
  });

  it('keeps reasons it does not know and examples without a count', () => {
    const groups = groupSkipped({
      source: '/s',
      skipped: { total: 1, byReason: { 'brand-new': 1 }, examples: [{ path: '/s/x', reason: 'vanished' }] },
    });
    expect(groups.map((g) => [g.reason, g.label, g.count])).toEqual([
      ['brand-new', 'brand-new', 1],
      ['vanished', 'Vanished', 1],
    ]);
    expect(groupSkipped({ source: '/s', skipped: { total: 0, byReason: {}, examples: [] } })).toEqual([]);
    expect(skipReasonLabel('zero-bytes').label).toBe('Empty file');
  });

  it('shortens paths inside the source only', () => {
    expect(pathWithin('/data/pets', '/data/pets/cat/1.png')).toBe('cat/1.png');
    expect(pathWithin('/data/pets/', '/data/pets/cat/1.png')).toBe('cat/1.png');
    expect(pathWithin('/data/pets', '/data/petshop/1.png')).toBe('/data/petshop/1.png');
    expect(pathWithin('C:\\data', 'C:\\data\\cat\\1.png')).toBe('cat\\1.png');
    expect(pathWithin('/data/pets', '/data/pets')).toBe('/data/pets');
    expect(pathWithin('/', '/a')).toBe('/a');
  });

  it('says where the split came from', () => {
    expect(describeSplit(report)).toBe(
      'Held out at random, per class (20% for testing): the source has no train/test split.',
    );
    expect(describeSplit({ ...report, splitSource: 'folders' })).toMatch(/train\/ and test\/ folders/);
    expect(describeSplit({ ...report, splitSource: 'manifest' })).toMatch(/split column/);
    expect(describeSplit({ ...report, splitSource: 'file' })).toMatch(/train and test files/);
    expect(describeSplit({ ...report, imported: { train: 0, test: 0 } })).toMatch(/\(0% for testing\)/);
  });

  it('describes geometry, policy, duplicates and outcome', () => {
    expect(describeGeometry(report.geometry)).toBe('32 × 32 px, 3 channels (colour)');
    expect(describeGeometry({ ...report.geometry, channels: 1, width: 28, height: 24 })).toBe(
      '24 × 28 px, 1 channel (greyscale)',
    );
    expect(describeResize(report.geometry)).toMatch(/^Crop: scaled the short side/);
    expect(describeResize({ ...report.geometry, resize: 'pad' })).toMatch(/^Pad: fitted inside/);
    expect(describeDuplicates(report.duplicates)).toBe(
      '1 group of identical images, 2 extra copies kept (choose “Drop” to skip them).',
    );
    expect(describeDuplicates({ groups: 0, extraCopies: 0, policy: 'keep', examples: [] })).toBe(
      'No identical images found.',
    );
    expect(describeDuplicates({ groups: 0, extraCopies: 0, policy: 'drop', examples: [] })).toMatch(
      /copies were dropped/,
    );
    expect(describeDuplicates({ groups: 2, extraCopies: 1, policy: 'drop', examples: [] })).toBe(
      '2 groups of identical images, 1 extra copy left after dropping.',
    );
    expect(describeOutcome(report)).toBe('Imported 10 images.');
    expect(describeOutcome({ ...report, reused: true })).toMatch(/^Already imported/);
    expect(describeOutcome({ ...report, resumed: true, imported: { train: 1, test: 0 } })).toBe(
      'Resumed an interrupted import and finished it: 1 image.',
    );
  });

  it('gives short imports a decimal', () => {
    expect(describeTime(report)).toBe('1.2 s, peak memory 120 MiB');
    expect(describeTime({ seconds: 0.04, peakRssMb: 1500 })).toBe('0.0 s, peak memory 1,500 MiB');
    expect(describeTime({ seconds: 185, peakRssMb: 90 })).toBe('3 min 05 s, peak memory 90 MiB');
  });

  it('explains a missing report gently and other failures as errors', () => {
    expect(reportLoadProblem(new ApiError('not_found', 'dataset 1 has no import report'))).toEqual({
      tone: 'info',
      message: expect.stringMatching(/imported before reports existed/),
    });
    expect(reportLoadProblem(new ApiError('io_error', 'disk gone'))).toEqual({
      tone: 'error',
      message: 'disk gone',
    });
  });
});
