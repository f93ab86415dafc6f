import { describe, expect, it } from 'vitest';
import { pngBytesOf } from '../../../src/main/bench/bench-sets';
import { encodePng } from '../../../src/main/images/encode-png';

describe('stored bytes of a set', () => {
  it('is the sum of every image’s own PNG size, with encodes in flight at once', async () => {
    const count = 20;
    const images = new Uint8Array(count * 8 * 8);
    // Different content per image (so sizes differ): image i has i + 1 bright pixels in a row.
    for (let i = 0; i < count; i++)
      for (let p = 0; p <= i && p < 64; p++) images[i * 64 + ((p * 3) % 64)] = 200 + (p % 50);
    let expected = 0;
    for (let i = 0; i < count; i++)
      expected += (await encodePng(images.subarray(i * 64, (i + 1) * 64), 8, 8, 1)).length;
    expect(await pngBytesOf(images, [8, 8, 1], count)).toBe(expected);
    expect(await pngBytesOf(images, [8, 8, 1], 1)).toBe(
      (await encodePng(images.subarray(0, 64), 8, 8, 1)).length,
    );
  });
});
