import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npzFileBytes, npzMemberInfos } from '../../../src/main/datasets/npz-layout';
import {
  int64Array,
  type NpzMember,
  uint8Array,
  unicodeArray,
  writeNpz,
} from '../../../src/main/datasets/npz-writer';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function members(n: number, names: string[]): NpzMember[] {
  const pixels = Uint8Array.from({ length: n * 5 * 4 * 3 }, (_, i) => (i * 37) % 256);
  return [
    { name: 'x.npy', array: uint8Array([n, 5, 4, 3], pixels) },
    { name: 'y.npy', array: int64Array(Array.from({ length: n }, (_, i) => i % names.length)) },
    { name: 'class_names.npy', array: unicodeArray(names) },
  ];
}

describe('npz layout without writing', () => {
  it.each([
    [0, ['a']],
    [1, ['T-shirt/top', 'Trouser']],
    [17, ['ü', 'long class name', 'c']],
  ])('%i images: the same member infos and file size as writeNpz', (n, names) => {
    const file = join(tempDir(), 'a.npz');
    const written = writeNpz(file, members(n, names));
    const infos = npzMemberInfos(members(n, names));
    expect(infos).toEqual(written);
    expect(npzFileBytes(infos)).toBe(statSync(file).size);
  });

  it('counts the ZIP64 records writeNpz adds for a member of 4 GiB or more', () => {
    // writeNpz's forced ZIP64 layout costs what npzFileBytes adds once a member passes 4 GiB.
    const dir = tempDir();
    const one = () => [members(2, ['a'])[0] as NpzMember];
    writeNpz(join(dir, 'plain.npz'), one());
    writeNpz(join(dir, 'zip64.npz'), one(), { forceZip64: true });
    const zip64Cost = statSync(join(dir, 'zip64.npz')).size - statSync(join(dir, 'plain.npz')).size;
    const small = npzFileBytes([{ name: 'x.npy', bytes: 100 }]);
    const huge = npzFileBytes([{ name: 'x.npy', bytes: 2 ** 32 + 100 }]);
    expect(huge - 2 ** 32 - small).toBe(zip64Cost);
  });
});
