import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildMosaic, cellBounds, resizeTile } from '../../../../src/main/compress/combine/mosaic';

const solid = (height: number, width: number, colour: readonly number[]) => {
  const out = new Uint8Array(height * width * colour.length);
  for (let p = 0; p < height * width; p++) out.set(colour, p * colour.length);
  return out;
};

/** Pixel (x, y) of an H×W×C buffer. */
const at = (data: Uint8Array, width: number, channels: number, x: number, y: number) => [
  ...data.subarray((y * width + x) * channels, (y * width + x + 1) * channels),
];

/** Grayscale columns alternating 0, 255, 0, 255, … (one-pixel stripes, period 2). */
const stripes = (height: number, width: number) => {
  const out = new Uint8Array(height * width);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = x % 2 ? 255 : 0;
  return out;
};

describe('cellBounds', () => {
  it('splits an axis into k cells [round(j·R/k), round((j+1)·R/k))', () => {
    expect(cellBounds(8, 2)).toEqual([0, 4, 8]);
    expect(cellBounds(28, 2)).toEqual([0, 14, 28]);
    expect(cellBounds(28, 3)).toEqual([0, 9, 19, 28]); // 9.33 → 9, 18.67 → 19
    expect(cellBounds(6, 4)).toEqual([0, 2, 3, 5, 6]); // halves round up: 1.5 → 2, 4.5 → 5
    expect(cellBounds(5, 1)).toEqual([0, 5]);
  });
});

describe('buildMosaic', () => {
  const RED = [255, 0, 0];
  const GREEN = [0, 255, 0];
  const BLUE = [0, 0, 255];
  const GREY = [128, 128, 128];

  it('four solid 4×4 tiles into an 8×8 2×2 mosaic: each quadrant exactly its tile, row-major', async () => {
    const tiles = [RED, GREEN, BLUE, GREY].map((c) => solid(4, 4, c));
    const m = await buildMosaic(tiles, { height: 4, width: 4, channels: 3 }, 2, { height: 8, width: 8 });
    expect(m.length).toBe(8 * 8 * 3);
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) {
        const expected = y < 4 ? (x < 4 ? RED : GREEN) : x < 4 ? BLUE : GREY;
        expect(at(m, 8, 3, x, y), `(${x}, ${y})`).toEqual(expected);
      }
  });

  it('solid 16×16 tiles shrunk 4× keep their exact colours (the linear kernel never overshoots)', async () => {
    const tiles = [RED, GREEN, BLUE, GREY].map((c) => solid(16, 16, c));
    const m = await buildMosaic(tiles, { height: 16, width: 16, channels: 3 }, 2, { height: 8, width: 8 });
    expect(at(m, 8, 3, 0, 0)).toEqual(RED);
    expect(at(m, 8, 3, 7, 0)).toEqual(GREEN);
    expect(at(m, 8, 3, 0, 7)).toEqual(BLUE);
    expect(at(m, 8, 3, 7, 7)).toEqual(GREY);
    expect(new Set(Array.from({ length: 64 }, (_, p) => at(m, 8, 3, p % 8, p >> 3).join())).size).toBe(4);
  });

  it('antialiases: one-pixel stripes shrunk by 2 average to mid grey, where nearest keeps one stripe', async () => {
    // Each output column j reads input columns 2j−1 … 2j+2 with the linear kernel stretched over
    // the shrink factor: weights 1/8, 3/8, 3/8, 1/8 (edges repeat the border column). Inside:
    // 1/8·255 + 3/8·0 + 3/8·255 + 1/8·0 = 127.5 → 128. Left edge (columns 0, 0, 1, 2 = 0, 0, 255, 0):
    // 3/8·255 = 95.6 → 96. Right edge (columns 5, 6, 7, 7 = 255, 0, 255, 255): 5/8·255 = 159.4 → 159.
    const tile = stripes(8, 8);
    const shape = { height: 8, width: 8, channels: 1 };
    const m = await buildMosaic([tile, tile, tile, tile], shape, 2, { height: 8, width: 8 });
    expect(m.length).toBe(64); // grayscale stays one channel
    for (let y = 0; y < 8; y++)
      expect([...m.subarray(y * 8, y * 8 + 8)]).toEqual([96, 128, 128, 159, 96, 128, 128, 159]);
    // The same shrink with nearest picks every second column: all 255, the pattern aliased away.
    const nearest = await sharp(Buffer.from(tile), { raw: { width: 8, height: 8, channels: 1 } })
      .resize(4, 4, { fit: 'fill', kernel: 'nearest' })
      .toColourspace('b-w')
      .raw()
      .toBuffer();
    expect(new Set(nearest)).toEqual(new Set([255]));
  });

  it('uneven cells when k does not divide R: 7 px at k = 3 gives cells 2, 3, 2 wide', async () => {
    const tiles = Array.from({ length: 9 }, (_, i) => solid(6, 6, [i * 20]));
    const m = await buildMosaic(tiles, { height: 6, width: 6, channels: 1 }, 3, { height: 7, width: 7 });
    const cell = (v: number) => (v < 2 ? 0 : v < 5 ? 1 : 2);
    for (let y = 0; y < 7; y++)
      for (let x = 0; x < 7; x++) expect(m[y * 7 + x], `(${x}, ${y})`).toBe((cell(y) * 3 + cell(x)) * 20);
  });

  it('a non-square mosaic: 6×8 at k = 2 has 3×4 cells', async () => {
    const tiles = [10, 20, 30, 40].map((v) => solid(6, 8, [v]));
    const m = await buildMosaic(tiles, { height: 6, width: 8, channels: 1 }, 2, { height: 6, width: 8 });
    expect([m[0], m[7], m[3 * 8], m[5 * 8 + 7]]).toEqual([10, 20, 30, 40]);
    expect([m[3], m[4], m[2 * 8], m[3 * 8]]).toEqual([10, 20, 10, 30]);
  });

  it('k = 1 at the tile size is the tile itself, byte for byte', async () => {
    const tile = new Uint8Array(5 * 7 * 3).map((_, i) => (i * 37) % 256);
    const m = await buildMosaic([tile], { height: 5, width: 7, channels: 3 }, 1, { height: 5, width: 7 });
    expect(Buffer.compare(Buffer.from(m), Buffer.from(tile))).toBe(0);
    expect(m).not.toBe(tile);
  });

  it('resizeTile gives exactly the requested size and channel count', async () => {
    const out = await resizeTile(stripes(8, 8), { height: 8, width: 8, channels: 1 }, 3, 5);
    expect(out.length).toBe(15);
  });

  it('refuses the wrong number of tiles, a tile of the wrong size, a mosaic smaller than k', async () => {
    const shape = { height: 4, width: 4, channels: 1 };
    const t = solid(4, 4, [1]);
    await expect(buildMosaic([t, t, t], shape, 2, { height: 8, width: 8 })).rejects.toThrow(
      /needs 4 tiles, got 3/,
    );
    await expect(buildMosaic([t, t, t, solid(3, 4, [1])], shape, 2, { height: 8, width: 8 })).rejects.toThrow(
      /tile 3 has 12 bytes, expected 16/,
    );
    await expect(buildMosaic([t, t, t, t], shape, 2, { height: 1, width: 8 })).rejects.toThrow(/no room/);
  });
});
