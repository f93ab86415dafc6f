import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

/** Raw pixels, H×W×C uint8 interleaved, top row first. */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array;
}

export type Colour = readonly number[];

export const RED = [255, 0, 0] as const;
export const GREEN = [0, 255, 0] as const;
export const BLUE = [0, 0, 255] as const;
export const WHITE = [255, 255, 255] as const;
export const BLACK = [0, 0, 0] as const;

/** An image whose pixel (x, y) has the colour fn(x, y); the colour's length is the channel count. */
export function patternImage(width: number, height: number, fn: (x: number, y: number) => Colour): RawImage {
  const channels = fn(0, 0).length as RawImage['channels'];
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(fn(x, y), (y * width + x) * channels);
  }
  return { width, height, channels, data };
}

export function solidImage(width: number, height: number, colour: Colour): RawImage {
  return patternImage(width, height, () => colour);
}

/** Deterministic noise: compresses badly, so a truncated file really lacks pixel data. */
export function noiseImage(width: number, height: number, seed = 1): RawImage {
  let state = seed;
  return patternImage(width, height, () => {
    const next = (): number => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    };
    return [next(), next(), next()];
  });
}

function fromRaw(image: RawImage): Sharp {
  const raw = sharp(Buffer.from(image.data), {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
  // Keep one-channel images one channel in the file (sharp would widen them to sRGB).
  return image.channels <= 2 ? raw.toColourspace('b-w') : raw;
}

export type SharpFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'avif';

/** Encodes with sharp; lossless where the format allows (PNG, WebP, TIFF/LZW). */
export function encodeImage(
  image: RawImage,
  format: SharpFormat,
  options: { orientation?: number; palette?: boolean } = {},
): Promise<Buffer> {
  let pipeline = fromRaw(image);
  if (format === 'png')
    pipeline = pipeline.png(options.palette ? { palette: true, colours: 16, dither: 0 } : {});
  else if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: 100, chromaSubsampling: '4:4:4' });
  else if (format === 'webp') pipeline = pipeline.webp({ lossless: true });
  else if (format === 'gif') pipeline = pipeline.gif({ dither: 0 });
  else if (format === 'tiff') pipeline = pipeline.tiff({ compression: 'lzw' });
  else pipeline = pipeline.avif({ quality: 100 });
  if (options.orientation) pipeline = pipeline.withMetadata({ orientation: options.orientation });
  return pipeline.toBuffer();
}

/** A 16-bit PNG from 16-bit samples (H×W×C, C = 1 or 3). */
export function encodePng16(
  width: number,
  height: number,
  channels: 1 | 3,
  samples: readonly number[],
): Promise<Buffer> {
  return sharp(Uint16Array.from(samples), { raw: { width, height, channels } })
    .toColourspace(channels === 1 ? 'grey16' : 'rgb16')
    .png()
    .toBuffer();
}

/** An animated GIF whose frames are the given same-sized RGB images, first frame first. */
export function encodeAnimatedGif(frames: readonly RawImage[]): Promise<Buffer> {
  const first = frames[0] as RawImage;
  const data = Buffer.concat(frames.map((f) => Buffer.from(f.data)));
  return sharp(data, {
    raw: {
      width: first.width,
      height: first.height * frames.length,
      channels: first.channels as 3,
      pageHeight: first.height,
    },
  })
    .gif({ dither: 0 })
    .toBuffer();
}

/**
 * A BMP written by hand (sharp cannot write BMP): BITMAPINFOHEADER, bottom-up unless
 * topDown, rows padded to 4 bytes. 24-bit BGR, 32-bit BGRX (BI_RGB), or 8-bit with a
 * palette built from the image's colours. RGB input only.
 */
export function encodeBmp(
  image: RawImage,
  options: { bitsPerPixel?: 8 | 24 | 32; topDown?: boolean } = {},
): Buffer {
  const bpp = options.bitsPerPixel ?? 24;
  const { width, height } = image;
  const colourAt = (x: number, y: number): [number, number, number] => {
    const o = (y * width + x) * image.channels;
    return [image.data[o] as number, image.data[o + 1] as number, image.data[o + 2] as number];
  };
  const palette: string[] = [];
  if (bpp === 8) {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (!palette.includes(colourAt(x, y).join())) palette.push(colourAt(x, y).join());
  }
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const paletteBytes = palette.length * 4;
  const offset = 14 + 40 + paletteBytes;
  const out = Buffer.alloc(offset + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(options.topDown ? -height : height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bpp, 28);
  out.writeUInt32LE(0, 30); // BI_RGB
  out.writeUInt32LE(stride * height, 34);
  out.writeUInt32LE(palette.length, 46);
  palette.forEach((key, i) => {
    const [r, g, b] = key.split(',').map(Number) as [number, number, number];
    out.set([b, g, r, 0], 54 + 4 * i);
  });
  for (let y = 0; y < height; y++) {
    const row = offset + (options.topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(x, y);
      if (bpp === 8) out[row + x] = palette.indexOf(`${r},${g},${b}`);
      else out.set([b, g, r], row + x * (bpp / 8));
    }
  }
  return out;
}

/** The first `fraction` of a file's bytes: a download that stopped early. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Writes bytes to a path (string or raw Buffer path), creating parent folders. */
export function writeBytes(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** The pixel (x, y) of an H×W×C buffer. */
export function pixelAt(pixels: Uint8Array, width: number, channels: number, x: number, y: number): number[] {
  const o = (y * width + x) * channels;
  return [...pixels.subarray(o, o + channels)];
}

/** True when every channel is within `tolerance` of the expected value. */
export function closeTo(actual: readonly number[], expected: readonly number[], tolerance: number): boolean {
  return (
    actual.length === expected.length &&
    actual.every((v, i) => Math.abs(v - (expected[i] as number)) <= tolerance)
  );
}
