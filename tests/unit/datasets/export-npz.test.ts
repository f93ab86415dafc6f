import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeIntegers,
  decodeUnicode,
  parseNpy,
  readNpz,
  readZip,
} from '../../../src/main/datasets/npz-reader';
import {
  encodeNpy,
  int64Array,
  npyHeader,
  uint8Array,
  unicodeArray,
  writeNpz,
} from '../../../src/main/datasets/npz-writer';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const PYTHON = '/usr/bin/python3';

function numpyStatus(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const probe = spawnSync(PYTHON, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  return probe.status === 0
    ? null
    : `numpy is not importable by ${PYTHON}: ${probe.stderr.trim().split('\n').pop()}`;
}
const NUMPY_MISSING = numpyStatus();

function python(script: string, ...args: string[]): string {
  const run = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return run.stdout;
}

const CLASS_NAMES = ['T-shirt/top', 'Grünkohl', '猫', 'emoji 🐈‍⬛', 'a"quote\'', ''];

function sampleArrays(n = 5, h = 3, w = 4, c = 3) {
  const x = new Uint8Array(n * h * w * c).map((_, i) => (i * 37 + 11) % 256);
  const y = Array.from({ length: n }, (_, i) => i % CLASS_NAMES.length);
  return { x, y, shape: [n, h, w, c] };
}

function writeSample(file: string, forceZip64 = false) {
  const { x, y, shape } = sampleArrays();
  const infos = writeNpz(
    file,
    [
      { name: 'x.npy', array: uint8Array(shape, x) },
      { name: 'y.npy', array: int64Array(y) },
      { name: 'class_names.npy', array: unicodeArray(CLASS_NAMES) },
    ],
    { forceZip64 },
  );
  return { x, y, shape, infos };
}

describe('.npy v1.0 header', () => {
  it('has the magic, version 1.0, a little-endian length and a dict padded to 64 bytes', () => {
    const header = npyHeader('|u1', [20, 28, 28, 1]);
    expect(header.length % 64).toBe(0);
    expect(Array.from(header.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const length = header[8]! | (header[9]! << 8);
    expect(10 + length).toBe(header.length);
    const text = Buffer.from(header.subarray(10)).toString('latin1');
    expect(text).toMatch(/^\{'descr': '\|u1', 'fortran_order': False, 'shape': \(20, 28, 28, 1\), \} *\n$/);
  });

  it('writes 1-d shapes as (n,) and empty arrays as (0,)', () => {
    expect(Buffer.from(npyHeader('<i8', [7])).toString('latin1')).toContain("'shape': (7,)");
    expect(Buffer.from(npyHeader('<i8', [0])).toString('latin1')).toContain("'shape': (0,)");
  });

  it('round-trips through the TS reader: uint8, int64 and fixed-width unicode', () => {
    const { x, shape } = sampleArrays();
    const parsedX = parseNpy(encodeNpy(uint8Array(shape, x)));
    expect(parsedX).toMatchObject({ descr: '|u1', fortranOrder: false, shape });
    expect(Buffer.compare(Buffer.from(parsedX.data), Buffer.from(x))).toBe(0);
    expect(parsedX.headerBytes % 64).toBe(0);

    const y = parseNpy(encodeNpy(int64Array([0, 1, 9, 2 ** 40])));
    expect(y.descr).toBe('<i8');
    expect(decodeIntegers(y)).toEqual([0, 1, 9, 2 ** 40]);

    const names = parseNpy(encodeNpy(unicodeArray(CLASS_NAMES)));
    // Longest name in code points: 'T-shirt/top' has 11; the emoji name has 9 code points.
    expect(names.descr).toBe('<U11');
    expect(decodeUnicode(names)).toEqual(CLASS_NAMES);
  });

  it('refuses a data length that does not match the shape', () => {
    expect(() => uint8Array([2, 2], new Uint8Array(3))).toThrow(/needs 4 bytes, got 3/);
  });
});

describe('.npz archive', () => {
  for (const forceZip64 of [false, true]) {
    it(`is a ZIP of STORED .npy members with valid CRCs${forceZip64 ? ' (ZIP64 records)' : ''}`, () => {
      const file = join(tempDir(), 'a.npz');
      const { x, y, shape, infos } = writeSample(file, forceZip64);
      const bytes = readFileSync(file);
      const members = readZip(bytes);
      expect(members.map((m) => [m.name, m.method])).toEqual([
        ['x.npy', 0],
        ['y.npy', 0],
        ['class_names.npy', 0],
      ]);
      expect(infos.map((i) => i.bytes)).toEqual(members.map((m) => m.data.length));
      expect(infos.map((i) => i.crc32 >>> 0)).toEqual(members.map((m) => m.crc32 >>> 0));
      const arrays = readNpz(bytes);
      expect(arrays.get('x')?.shape).toEqual(shape);
      expect(Buffer.compare(Buffer.from(arrays.get('x')!.data), Buffer.from(x))).toBe(0);
      expect(decodeIntegers(arrays.get('y')!)).toEqual(y);
      expect(decodeUnicode(arrays.get('class_names')!)).toEqual(CLASS_NAMES);
    });
  }

  it('gives identical bytes for identical arrays (fixed timestamps)', () => {
    const dir = tempDir();
    writeSample(join(dir, 'a.npz'));
    writeSample(join(dir, 'b.npz'));
    expect(readFileSync(join(dir, 'a.npz')).equals(readFileSync(join(dir, 'b.npz')))).toBe(true);
  });

  it('streams the data in chunks and never overwrites an existing file', () => {
    const dir = tempDir();
    const file = join(dir, 'c.npz');
    const rows = [new Uint8Array([1, 2]), new Uint8Array([3, 4]), new Uint8Array([5, 6])];
    writeNpz(file, [{ name: 'x.npy', array: uint8Array([3, 2], () => rows) }]);
    expect(Array.from(readNpz(readFileSync(file)).get('x')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => writeNpz(file, [{ name: 'x.npy', array: uint8Array([1], new Uint8Array(1)) }])).toThrow(
      /EEXIST/,
    );
    expect(() =>
      writeNpz(join(dir, 'd.npz'), [{ name: 'x.npy', array: uint8Array([4, 2], () => rows) }]),
    ).toThrow(/data has 6 bytes, expected 8/);
  });

  it.skipIf(NUMPY_MISSING !== null)(
    `loads with real numpy, no allow_pickle, plain and ZIP64${NUMPY_MISSING ? ` — skipped: ${NUMPY_MISSING}` : ''}`,
    () => {
      const dir = tempDir();
      for (const forceZip64 of [false, true]) {
        const file = join(dir, `n${forceZip64 ? '64' : ''}.npz`);
        const { x, y, shape } = writeSample(file, forceZip64);
        const out = python(
          `import sys, json, zipfile, numpy as np
zipfile.ZipFile(sys.argv[1]).testzip()
f = np.load(sys.argv[1])  # allow_pickle defaults to False
x, y, names = f['x'], f['y'], f['class_names']
print(json.dumps({'files': sorted(f.files), 'x': [str(x.dtype), list(x.shape), x.flatten().tolist()],
  'y': [str(y.dtype), y.tolist()], 'names': [str(names.dtype), names.tolist()]}))`,
          file,
        );
        const result = JSON.parse(out) as {
          files: string[];
          x: [string, number[], number[]];
          y: [string, number[]];
          names: [string, string[]];
        };
        expect(result.files).toEqual(['class_names', 'x', 'y']);
        expect(result.x).toEqual(['uint8', shape, Array.from(x)]);
        expect(result.y).toEqual(['int64', y]);
        expect(result.names).toEqual(['<U11', CLASS_NAMES]);
      }
    },
  );

  it.skipIf(NUMPY_MISSING !== null)(
    `reads what numpy.savez and savez_compressed write${NUMPY_MISSING ? ` — skipped: ${NUMPY_MISSING}` : ''}`,
    () => {
      const dir = tempDir();
      python(
        `import sys, numpy as np
x = (np.arange(2*3*4, dtype=np.uint8) * 7).reshape(2, 3, 4, 1)
np.savez(sys.argv[1] + '/s.npz', x=x, y=np.array([1, 0], dtype=np.int64), class_names=np.array(['a', 'bé']))
np.savez_compressed(sys.argv[1] + '/c.npz', x=x, y=np.array([1, 0], dtype=np.int64), class_names=np.array(['a', 'bé']))`,
        dir,
      );
      for (const name of ['s.npz', 'c.npz']) {
        const arrays = readNpz(readFileSync(join(dir, name)));
        expect(arrays.get('x')?.shape).toEqual([2, 3, 4, 1]);
        expect(Array.from(arrays.get('x')!.data)).toEqual(
          Array.from({ length: 24 }, (_, i) => (i * 7) % 256),
        );
        expect(decodeIntegers(arrays.get('y')!)).toEqual([1, 0]);
        expect(decodeUnicode(arrays.get('class_names')!)).toEqual(['a', 'bé']);
      }
    },
  );
});
