import { describe, expect, it } from 'vitest';
import type { DatasetDto, DemoResultDto } from '../../../src/shared/api/dto';
import { classTotals, describeShape, thumbnailRows } from '../../../src/renderer/lib/datasets';
import { asDemoResult, summarizeDemo } from '../../../src/renderer/lib/demo-result';

const dataset: DatasetDto = {
  id: 1,
  name: 'sample',
  format: 'idx',
  sourcePath: '/x',
  height: 28,
  width: 28,
  channels: 1,
  sampleCount: 330,
  sourceSha256: 'abc',
  classes: [
    { index: 0, name: 'cat', train: 100, test: 10 },
    { index: 1, name: 'dog', train: 200, test: 20 },
  ],
  createdAt: '2024-01-01T00:00:00Z',
};

const train = (accuracy: number, perClass: number[], images: number) => ({
  runId: 1,
  trainImages: images,
  epochs: 1,
  steps: 1,
  accuracy,
  perClassAccuracy: perClass,
  seconds: 1,
  imagesPerSecond: 1,
});

const result: DemoResultDto = {
  datasetId: 1,
  selectionId: 2,
  backend: { name: 'wasm', reason: 'no native TensorFlow', tried: [] },
  ipc: 10,
  compressed: train(0.6, [0.5, 0.7], 20),
  full: train(0.8, [0.75, 0.85], 300),
  export: { dir: '/p/exports/demo-1', images: 20, bytes: 2048, fullDatasetBytes: 204800 },
  seconds: 75,
};

describe('demo result', () => {
  it('recognises a demo result and rejects other shapes', () => {
    expect(asDemoResult(result)).toBe(result);
    expect(asDemoResult(null)).toBeNull();
    expect(asDemoResult({ datasetId: 1 })).toBeNull();
    expect(asDemoResult('done')).toBeNull();
  });

  it('summarises accuracy beside the full-data baseline, size and provenance', () => {
    const s = summarizeDemo(result, dataset);
    expect(s).toMatchObject({
      compressedAccuracy: '60.0%',
      fullAccuracy: '80.0%',
      retained: '75%',
      imagesKept: '20',
      imagesOf: '300',
      bytesOnDisk: '2.0 KiB',
      fullBytes: '200.0 KiB',
      sizeShare: '1.00%',
      exportDir: '/p/exports/demo-1',
      backend: 'wasm',
      backendReason: 'no native TensorFlow',
      seconds: '1 min 15 s',
    });
    expect(s.perClass).toEqual([
      { name: 'cat', compressed: '50%', full: '75%' },
      { name: 'dog', compressed: '70%', full: '85%' },
    ]);
  });

  it('copes without a full-data run or a known dataset', () => {
    const s = summarizeDemo({ ...result, full: null }, null);
    expect(s.fullAccuracy).toBeNull();
    expect(s.retained).toBeNull();
    expect(s.imagesOf).toBeNull();
    expect(s.perClass[1]).toEqual({ name: 'Class 1', compressed: '70%', full: null });
  });
});

describe('dataset helpers', () => {
  it('totals class counts', () => {
    expect(classTotals(dataset.classes)).toEqual({ train: 300, test: 30 });
    expect(classTotals([])).toEqual({ train: 0, test: 0 });
  });

  it('groups thumbnails by class in class order with names', () => {
    const thumb = (id: number, classIndex: number) => ({
      id,
      classIndex,
      split: 'train' as const,
      dataUrl: 'data:,',
    });
    const rows = thumbnailRows([thumb(1, 1), thumb(2, 0), thumb(3, 1), thumb(4, 7)], dataset.classes);
    expect(rows.map((r) => [r.className, r.thumbnails.map((t) => t.id)])).toEqual([
      ['cat', [2]],
      ['dog', [1, 3]],
      ['Class 7', [4]],
    ]);
  });

  it('describes image shape', () => {
    expect(describeShape(dataset)).toBe('28 × 28 × 1');
  });
});
