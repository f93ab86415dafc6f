import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodeBmp, readBmpHeader } from '../../../../src/main/datasets/sources/bmp-decoder';
import { ImageDecodeError } from '../../../../src/main/datasets/sources/decode-error';
import { BLUE, encodeBmp, GREEN, patternImage, RED, truncated, WHITE } from '../../../helpers/image-fixtures';

// 3×2 so that rows need padding (9 bytes → 12 at 24 bits): top row red, green, blue; bottom row white, red, green.
const COLOURS = [
  [RED, GREEN, BLUE],
  [WHITE, RED, GREEN],
];
const image = patternImage(3, 2, (x, y) => COLOURS[y]?.[x] as readonly number[]);

function bmpWithHeader(
  bpp: number,
  compression: number,
  masks: number[] = [],
  pixels: number[] = [],
): Buffer {
  const dib = masks.length === 4 ? 108 : 40;
  const offset = 14 + dib + (dib === 40 ? masks.length * 4 : 0);
  const out = Buffer.alloc(offset + pixels.length * 4);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(dib, 14);
  out.writeInt32LE(pixels.length, 18); // one row, `pixels.length` wide
  out.writeInt32LE(1, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bpp, 28);
  out.writeUInt32LE(compression, 30);
  masks.forEach((m, i) => out.writeUInt32LE(m, 54 + 4 * i));
  pixels.forEach((p, i) => out.writeUInt32LE(p, offset + 4 * i));
  return out;
}

describe('BMP decoder', () => {
  it('sharp on this build cannot read BMP at all, which is why this decoder exists', async () => {
    await expect(sharp(encodeBmp(image)).metadata()).rejects.toThrow(/unsupported image format/);
  });

  it.each([
    ['24-bit bottom-up', { bitsPerPixel: 24 as const }],
    ['24-bit top-down', { bitsPerPixel: 24 as const, topDown: true }],
    ['32-bit BGRX', { bitsPerPixel: 32 as const }],
    ['8-bit palette', { bitsPerPixel: 8 as const }],
  ])('decodes %s to the exact pixels', (_, options) => {
    const decoded = decodeBmp(encodeBmp(image, options));
    expect(decoded).toMatchObject({ width: 3, height: 2, channels: 3 });
    expect([...decoded.data]).toEqual([...image.data]);
  });

  it('reads 32-bit bit fields with alpha, and treats an all-zero alpha as opaque', () => {
    const masks = [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000];
    const withAlpha = decodeBmp(bmpWithHeader(32, 3, masks, [0x80ff0000, 0xff00ff00]));
    expect(withAlpha.channels).toBe(4);
    expect([...withAlpha.data]).toEqual([255, 0, 0, 128, 0, 255, 0, 255]);
    const zeroAlpha = decodeBmp(bmpWithHeader(32, 3, masks, [0x00ff0000]));
    expect([...zeroAlpha.data]).toEqual([255, 0, 0, 255]);
    expect(readBmpHeader(bmpWithHeader(32, 3, masks, [0]))).toMatchObject({
      width: 1,
      height: 1,
      bitsPerPixel: 32,
      hasAlpha: true,
    });
  });

  it('reads 16-bit 5-6-5 bit fields', () => {
    const rgb565 = [0xf800, 0x07e0, 0x001f];
    const bytes = bmpWithHeader(16, 3, rgb565, []);
    // Replace the (empty) pixel area with one row of two 16-bit pixels: pure red, pure green; padded to 4 bytes.
    const file = Buffer.concat([bytes, Buffer.from([0x00, 0xf8, 0xe0, 0x07])]);
    file.writeInt32LE(2, 18);
    expect([...decodeBmp(file).data]).toEqual([255, 0, 0, 0, 255, 0]);
  });

  it('reports RLE compression as unsupported and short files as truncated', () => {
    const rle = bmpWithHeader(8, 1, [], [0]);
    expect(() => decodeBmp(rle)).toThrow(ImageDecodeError);
    try {
      decodeBmp(rle);
    } catch (error) {
      expect((error as ImageDecodeError).reason).toBe('unsupported-format');
      expect((error as ImageDecodeError).detail).toMatch(/RLE8/);
    }
    const short = truncated(encodeBmp(image), 0.8);
    expect(() => decodeBmp(short)).toThrow(/truncated/);
    try {
      decodeBmp(short);
    } catch (error) {
      expect((error as ImageDecodeError).reason).toBe('truncated-or-corrupt');
    }
  });
});
