import { ImageDecodeError } from './decode-error';

/**
 * A small BMP decoder. sharp's prebuilt libvips has no BMP loader (that needs ImageMagick),
 * and BMP still turns up in older datasets, so the uncompressed variants are decoded here:
 * 1/4/8-bit palette, 16-bit (5-5-5 or bit fields), 24-bit and 32-bit (BGRX or bit fields,
 * with alpha when a mask says so). RLE and embedded JPEG/PNG BMPs are reported as unsupported.
 */

export interface BmpHeader {
  width: number;
  height: number;
  bitsPerPixel: number;
  topDown: boolean;
  compression: number;
  hasAlpha: boolean;
}

export interface DecodedBmp {
  width: number;
  height: number;
  channels: 3 | 4;
  /** H×W×C uint8, top row first. */
  data: Uint8Array;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const COMPRESSION_NAMES: Record<number, string> = {
  1: 'RLE8',
  2: 'RLE4',
  4: 'embedded JPEG',
  5: 'embedded PNG',
};
const MAX_SIDE = 1 << 15;

interface Layout extends BmpHeader {
  dibSize: number;
  pixelOffset: number;
  masks: [number, number, number, number];
  paletteOffset: number;
  paletteEntrySize: number;
  paletteSize: number;
}

function corrupt(detail: string): ImageDecodeError {
  return new ImageDecodeError('truncated-or-corrupt', `BMP ${detail}`);
}

function readLayout(bytes: Uint8Array): Layout {
  if (bytes.length < 26) throw corrupt('is truncated inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  if (bytes.length < 14 + dibSize) throw corrupt('is truncated inside its header');
  let width: number,
    height: number,
    bitsPerPixel: number,
    compression = BI_RGB,
    paletteSize = 0;
  if (dibSize === 12) {
    width = view.getUint16(18, true);
    height = view.getInt16(20, true);
    bitsPerPixel = view.getUint16(24, true);
  } else {
    width = view.getInt32(18, true);
    height = view.getInt32(22, true);
    bitsPerPixel = view.getUint16(28, true);
    compression = view.getUint32(30, true);
    paletteSize = view.getUint32(46, true);
  }
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE)
    throw corrupt(`has an impossible size ${width}×${height}`);
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    const name = COMPRESSION_NAMES[compression] ?? `compression ${compression}`;
    throw new ImageDecodeError(
      'unsupported-format',
      `BMP with ${name} is not supported (only uncompressed BMP is)`,
    );
  }
  let masks: [number, number, number, number] =
    bitsPerPixel === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0xff0000, 0x00ff00, 0x0000ff, 0];
  if (compression !== BI_RGB) {
    // Masks live inside a V2+ header, or right after a 40-byte header.
    const at = 14 + 40;
    const count = compression === BI_ALPHABITFIELDS || dibSize >= 56 ? 4 : 3;
    if (bytes.length < at + 4 * count) throw corrupt('is truncated inside its colour masks');
    masks = [
      view.getUint32(at, true),
      view.getUint32(at + 4, true),
      view.getUint32(at + 8, true),
      count === 4 ? view.getUint32(at + 12, true) : 0,
    ];
  } else if (dibSize >= 56 && bitsPerPixel === 32) {
    // A V3+ header can name an alpha mask even for BI_RGB; honour it.
    masks = [0xff0000, 0x00ff00, 0x0000ff, view.getUint32(14 + 52, true)];
  }
  const maskBytes =
    compression !== BI_RGB && dibSize === 40 ? (compression === BI_ALPHABITFIELDS ? 16 : 12) : 0;
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel))
    throw corrupt(`has an unsupported bit depth ${bitsPerPixel}`);
  if (bitsPerPixel <= 8 && paletteSize === 0) paletteSize = 1 << bitsPerPixel;
  return {
    width,
    height,
    bitsPerPixel,
    topDown,
    compression,
    hasAlpha: bitsPerPixel >= 16 && masks[3] !== 0,
    dibSize,
    pixelOffset,
    masks,
    paletteOffset: 14 + dibSize + maskBytes,
    paletteEntrySize: dibSize === 12 ? 3 : 4,
    paletteSize,
  };
}

/** The header fields (for probing) without decoding pixels. */
export function readBmpHeader(bytes: Uint8Array): BmpHeader {
  const { width, height, bitsPerPixel, topDown, compression, hasAlpha } = readLayout(bytes);
  return { width, height, bitsPerPixel, topDown, compression, hasAlpha };
}

function channelReader(mask: number): (pixel: number) => number {
  if (mask === 0) return () => 255;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return (pixel) => Math.round((((pixel & mask) >>> shift) * 255) / max);
}

export function decodeBmp(bytes: Uint8Array): DecodedBmp {
  const layout = readLayout(bytes);
  const { width, height, bitsPerPixel: bpp } = layout;
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (layout.pixelOffset + stride * height > bytes.length) {
    throw corrupt(
      `is truncated: ${width}×${height}×${bpp}-bit pixel data needs ${layout.pixelOffset + stride * height} bytes, the file has ${bytes.length}`,
    );
  }
  const palette: number[][] = [];
  if (bpp <= 8) {
    for (let i = 0; i < layout.paletteSize; i++) {
      const at = layout.paletteOffset + i * layout.paletteEntrySize;
      if (at + 3 > bytes.length) throw corrupt('is truncated inside its palette');
      palette.push([bytes[at + 2] as number, bytes[at + 1] as number, bytes[at] as number]);
    }
  }
  const channels = layout.hasAlpha ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  const [red, green, blue, alpha] = layout.masks.map(channelReader) as [
    (p: number) => number,
    (p: number) => number,
    (p: number) => number,
    (p: number) => number,
  ];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let anyAlpha = false;
  for (let y = 0; y < height; y++) {
    const row = layout.pixelOffset + (layout.topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (bpp <= 8) {
        const bit = x * bpp;
        const index = ((bytes[row + (bit >> 3)] as number) >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        const colour = palette[index];
        if (!colour) throw corrupt(`uses colour ${index} of a ${palette.length}-colour palette`);
        out[o] = colour[0] as number;
        out[o + 1] = colour[1] as number;
        out[o + 2] = colour[2] as number;
      } else if (bpp === 24) {
        const at = row + x * 3;
        out[o] = bytes[at + 2] as number;
        out[o + 1] = bytes[at + 1] as number;
        out[o + 2] = bytes[at] as number;
      } else {
        const pixel = bpp === 16 ? view.getUint16(row + x * 2, true) : view.getUint32(row + x * 4, true);
        out[o] = red(pixel);
        out[o + 1] = green(pixel);
        out[o + 2] = blue(pixel);
        if (channels === 4) {
          out[o + 3] = alpha(pixel);
          if (out[o + 3] !== 0) anyAlpha = true;
        }
      }
    }
  }
  // Many writers put an alpha mask but leave every alpha byte 0: that means opaque, not invisible.
  if (channels === 4 && !anyAlpha) for (let i = 3; i < out.length; i += 4) out[i] = 255;
  return { width, height, channels, data: out };
}
