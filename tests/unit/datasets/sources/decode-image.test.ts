import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeImage,
  ImageDecodeError,
  reshapePixels,
  tryDecodeImage,
} from '../../../../src/main/datasets/sources/decode-image';
import type { DecodeTarget } from '../../../../src/main/datasets/sources/types';
import {
  BLUE,
  closeTo,
  encodeAnimatedGif,
  encodeBmp,
  encodeImage,
  encodePng16,
  GREEN,
  noiseImage,
  patternImage,
  pixelAt,
  RED,
  solidImage,
  truncated,
  WHITE,
  type SharpFormat,
} from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const WHITE_BG = { r: 255, g: 255, b: 255 };

function rgb(
  size: DecodeTarget['size'],
  resize: DecodeTarget['resize'] = 'crop',
  background = WHITE_BG,
): DecodeTarget {
  return { size, channels: 3, resize, background };
}

async function failure(
  input: string | Uint8Array,
  target = rgb(4),
): Promise<{ reason: string; detail: string }> {
  const outcome = await tryDecodeImage(input, target);
  if (outcome.ok) throw new Error('expected the decode to fail');
  return outcome;
}

/** sRGB luminance as libvips computes 'b-w': CIE Y of the linearised colour, gamma-encoded again. */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (v: number): number =>
    v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4;
  const y = 0.2126 * lin(r as number) + 0.7152 * lin(g as number) + 0.0722 * lin(b as number);
  return Math.round(255 * (y <= 0.0031308 ? 12.92 * y : 1.055 * y ** (1 / 2.4) - 0.055));
}

// A 4×4 image in four 2×2 quadrants: red, green / blue, white.
const QUADRANTS = patternImage(4, 4, (x, y) => (y < 2 ? (x < 2 ? RED : GREEN) : x < 2 ? BLUE : WHITE));

describe('decodeImage: formats', () => {
  it.each(['png', 'webp', 'tiff'] as SharpFormat[])(
    'decodes lossless %s to the exact pixels',
    async (format) => {
      const pixels = await decodeImage(await encodeImage(QUADRANTS, format), rgb(4));
      expect([...pixels]).toEqual([...QUADRANTS.data]);
    },
  );

  it('decodes JPEG to the colours within JPEG error', async () => {
    const colour = [200, 100, 50];
    const pixels = await decodeImage(await encodeImage(solidImage(16, 16, colour), 'jpeg'), rgb(16));
    for (let p = 0; p < 256; p++)
      expect(closeTo(pixelAt(pixels, 16, 3, p % 16, p >> 4), colour, 3)).toBe(true);
  });

  it('decodes AVIF approximately', async () => {
    const pixels = await decodeImage(await encodeImage(solidImage(16, 16, [200, 100, 50]), 'avif'), rgb(16));
    expect(closeTo(pixelAt(pixels, 16, 3, 8, 8), [200, 100, 50], 8)).toBe(true);
  });

  it('decodes BMP (24-bit, 32-bit, 8-bit palette) with its own decoder, exactly', async () => {
    for (const bitsPerPixel of [24, 32, 8] as const) {
      const pixels = await decodeImage(encodeBmp(QUADRANTS, { bitsPerPixel }), rgb(4));
      expect([...pixels]).toEqual([...QUADRANTS.data]);
    }
  });

  it('takes the first frame of an animated GIF', async () => {
    const gif = await encodeAnimatedGif([solidImage(4, 4, RED), solidImage(4, 4, BLUE)]);
    const pixels = await decodeImage(gif, rgb(4));
    expect([...pixels]).toEqual([...solidImage(4, 4, RED).data]);
  });

  it('brings 16-bit PNGs down to 8 bits', async () => {
    // 65535 → 255, 32896 = 128·257 → 128, 0 → 0.
    const png = await encodePng16(2, 1, 3, [65535, 32896, 0, 0, 65535, 32896]);
    expect([...(await decodeImage(png, rgb({ height: 1, width: 2 })))]).toEqual([255, 128, 0, 0, 255, 128]);
    const gray = await encodePng16(2, 1, 1, [65535, 32896]);
    expect([...(await decodeImage(gray, { ...rgb({ height: 1, width: 2 }), channels: 1 }))]).toEqual([
      255, 128,
    ]);
  });

  it('expands palette PNGs to RGB', async () => {
    const png = await encodeImage(QUADRANTS, 'png', { palette: true });
    expect(png.includes(Buffer.from('PLTE'))).toBe(true); // really a palette image
    expect([...(await decodeImage(png, rgb(4)))]).toEqual([...QUADRANTS.data]);
  });

  it('composites transparency on the background: 50% red on white is (255, 128, 128) ±1', async () => {
    const png = await encodeImage(solidImage(2, 2, [255, 0, 0, 128]), 'png');
    const pixels = await decodeImage(png, rgb(2));
    expect(closeTo(pixelAt(pixels, 2, 3, 0, 0), [255, 128, 128], 1)).toBe(true);
    const onBlack = await decodeImage(png, rgb(2, 'crop', { r: 0, g: 0, b: 0 }));
    expect(closeTo(pixelAt(onBlack, 2, 3, 1, 1), [128, 0, 0], 1)).toBe(true);
  });

  it('composites gray + alpha and palette + transparency PNGs too', async () => {
    // Gray 100 at alpha 128 over white: 100·128/255 + 255·127/255 = 177.
    const grayAlpha = await encodeImage(solidImage(2, 2, [100, 128]), 'png');
    expect([...(await decodeImage(grayAlpha, { ...rgb(2), channels: 1 }))]).toEqual([177, 177, 177, 177]);
    // Palette with a fully transparent entry (tRNS): transparent pixels become the background.
    const half = patternImage(2, 1, (x) => (x === 0 ? [255, 0, 0, 0] : [0, 0, 255, 255]));
    const palette = await encodeImage(half, 'png', { palette: true });
    expect([
      ...(await decodeImage(palette, rgb({ height: 1, width: 2 }, 'crop', { r: 0, g: 255, b: 0 }))),
    ]).toEqual([...GREEN, ...BLUE]);
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise)', async () => {
    // Stored 2 wide × 3 tall with red top-left; displayed 3 wide × 2 tall with red top-right.
    const stored = patternImage(2, 3, (x, y) => (x === 0 && y === 0 ? RED : GREEN));
    const png = await encodeImage(stored, 'png', { orientation: 6 });
    const pixels = await decodeImage(png, rgb({ height: 2, width: 3 }));
    expect(pixelAt(pixels, 3, 3, 2, 0)).toEqual([...RED]);
    expect(pixelAt(pixels, 3, 3, 0, 0)).toEqual([...GREEN]);
    expect(pixels.filter((v, i) => i % 3 === 0 && v === 255)).toHaveLength(1);
  });
});

describe('decodeImage: channels and geometry', () => {
  it('converts colour to one-channel luminance and grayscale to three equal channels', async () => {
    const colour = [200, 100, 50];
    const png = await encodeImage(solidImage(2, 2, colour), 'png');
    const gray = await decodeImage(png, { ...rgb(2), channels: 1 });
    expect(gray).toHaveLength(4);
    expect(Math.abs((gray[0] as number) - luminance(colour))).toBeLessThanOrEqual(1);
    const grayPng = await encodeImage(solidImage(2, 2, [77]), 'png');
    expect([...(await decodeImage(grayPng, rgb(2)))]).toEqual(Array(12).fill(77));
    expect([...(await decodeImage(grayPng, { ...rgb(2), channels: 1 }))]).toEqual([77, 77, 77, 77]);
  });

  it('crop: scales the short side to the size and keeps the centre', async () => {
    // 4 wide × 2 tall: columns red, green, blue, white. Short side already 2: only the crop happens.
    const wide = patternImage(4, 2, (x) => [RED, GREEN, BLUE, WHITE][x] as readonly number[]);
    const pixels = await decodeImage(await encodeImage(wide, 'png'), rgb(2, 'crop'));
    expect([...pixels]).toEqual([...GREEN, ...BLUE, ...GREEN, ...BLUE]);
  });

  it('crop with downscaling: left half reddish, right half bluish, no padding', async () => {
    const wide = patternImage(16, 8, (x) => (x < 8 ? RED : BLUE));
    const pixels = await decodeImage(await encodeImage(wide, 'png'), rgb(4, 'crop'));
    const [r0, , b0] = pixelAt(pixels, 4, 3, 0, 0) as [number, number, number];
    const [r3, , b3] = pixelAt(pixels, 4, 3, 3, 3) as [number, number, number];
    expect(r0).toBeGreaterThan(200);
    expect(b0).toBeLessThan(50);
    expect(b3).toBeGreaterThan(200);
    expect(r3).toBeLessThan(50);
  });

  it('pad: fits inside and fills the rest with the background', async () => {
    // 8 wide × 4 tall green → 4×2 green in the middle rows of a 4×4 square, red above and below.
    const wide = solidImage(8, 4, GREEN);
    const pixels = await decodeImage(await encodeImage(wide, 'png'), rgb(4, 'pad', { r: 255, g: 0, b: 0 }));
    for (let x = 0; x < 4; x++) {
      expect(pixelAt(pixels, 4, 3, x, 0)).toEqual([...RED]);
      expect(pixelAt(pixels, 4, 3, x, 3)).toEqual([...RED]);
      expect(closeTo(pixelAt(pixels, 4, 3, x, 1), GREEN, 1)).toBe(true);
      expect(closeTo(pixelAt(pixels, 4, 3, x, 2), GREEN, 1)).toBe(true);
    }
  });

  it('honours a non-square target and upscales small images', async () => {
    const pixels = await decodeImage(
      await encodeImage(solidImage(2, 2, BLUE), 'png'),
      rgb({ height: 6, width: 10 }),
    );
    expect(pixels).toHaveLength(6 * 10 * 3);
    expect(closeTo(pixelAt(pixels, 10, 3, 5, 3), BLUE, 1)).toBe(true);
  });

  it('reshapes already-decoded pixels (IDX, CIFAR records) through the same pipeline', async () => {
    const gray = Uint8Array.from([10, 20, 30, 40]);
    expect([
      ...(await reshapePixels(gray, { height: 2, width: 2, channels: 1 }, { ...rgb(2), channels: 1 })),
    ]).toEqual([10, 20, 30, 40]);
    expect([...(await reshapePixels(gray, { height: 2, width: 2, channels: 1 }, rgb(2)))]).toEqual([
      10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40,
    ]);
    const up = await reshapePixels(
      Uint8Array.from([90, 90, 90, 90]),
      { height: 2, width: 2, channels: 1 },
      { ...rgb(4), channels: 1 },
    );
    expect([...up]).toEqual(Array(16).fill(90));
  });

  it('refuses impossible targets as bad requests', async () => {
    const png = await encodeImage(solidImage(2, 2, RED), 'png');
    await expect(decodeImage(png, rgb(0))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(decodeImage(png, rgb(2.5))).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('decodeImage: bad input is a typed failure', () => {
  it.each(['png', 'jpeg', 'webp', 'gif', 'tiff'] as SharpFormat[])(
    'a truncated %s is truncated-or-corrupt',
    async (format) => {
      const full = await encodeImage(noiseImage(64, 64), format);
      const result = await failure(truncated(full, 0.6));
      expect(result.reason).toBe('truncated-or-corrupt');
      expect(result.detail).toMatch(new RegExp(format.toUpperCase()));
    },
  );

  it('an image beyond the pixel limit is too-large (a 60000×60000 PNG header)', async () => {
    const chunk = (type: string, data: Buffer): Buffer => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(60000, 0);
    ihdr.writeUInt32BE(60000, 4);
    ihdr.set([8, 2], 8); // 8-bit RGB
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('IDAT', Buffer.alloc(0)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(await failure(png)).toMatchObject({ reason: 'too-large' });
  });

  it('a truncated BMP is truncated-or-corrupt', async () => {
    expect((await failure(truncated(encodeBmp(noiseImage(8, 8)), 0.7))).reason).toBe('truncated-or-corrupt');
  });

  it('text named .png is not-an-image; empty is zero-bytes; HEIC is unsupported-format', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fake.png'), 'I am a text file with a misleading name');
    writeFileSync(join(dir, 'empty.png'), '');
    writeFileSync(
      join(dir, 'photo.heic'),
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]),
    );
    expect(await failure(join(dir, 'fake.png'))).toMatchObject({ reason: 'not-an-image' });
    expect(await failure(join(dir, 'empty.png'))).toMatchObject({ reason: 'zero-bytes' });
    expect(await failure(join(dir, 'photo.heic'))).toMatchObject({
      reason: 'unsupported-format',
      detail: expect.stringMatching(/HEIC/),
    });
  });

  it('a missing file is vanished, a folder is not-an-image, and decodeImage throws ImageDecodeError with the path', async () => {
    const dir = tempDir();
    expect(await failure(join(dir, 'gone.png'))).toMatchObject({ reason: 'vanished' });
    expect(await failure(dir)).toMatchObject({ reason: 'not-an-image' });
    const file = join(dir, 'fake.jpg');
    writeFileSync(file, 'nope');
    const error = await decodeImage(file, rgb(4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect(error).toMatchObject({
      code: 'invalid_data',
      reason: 'not-an-image',
      message: expect.stringContaining(file),
    });
  });

  it.skipIf(process.getuid?.() === 0)(
    'an unreadable file is unreadable (skipped when run as root, who can read any file)',
    async () => {
      const file = join(tempDir(), 'secret.png');
      writeFileSync(file, await encodeImage(solidImage(2, 2, RED), 'png'));
      chmodSync(file, 0o000);
      expect(await failure(file)).toMatchObject({ reason: 'unreadable' });
    },
  );
});
