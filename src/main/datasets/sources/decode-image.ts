import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Sharp, SharpOptions } from 'sharp';
import { ApiError } from '../../../shared/rpc/errors';
import { decodeBmp } from './bmp-decoder';
import { ImageDecodeError, type DecodeFailureReason } from './decode-error';
import { isDecodable, sniffFormat, type DecodableFormat } from './sniff-format';
import type { DecodeTarget } from './types';

export { ImageDecodeError, type DecodeFailureReason } from './decode-error';

export type DecodeOutcome =
  { ok: true; pixels: Uint8Array } | { ok: false; reason: DecodeFailureReason; detail: string };

const MAX_TARGET_SIDE = 4096;

/**
 * 'truncated' rejects files that end early (checked: PNG, JPEG, GIF, WebP, TIFF) but lets
 * through the harmless warnings real-world JPEGs are full of ("extraneous bytes before
 * marker"), which sharp's default, 'warning', would reject.
 */
export const SHARP_INPUT_OPTIONS = { failOn: 'truncated' } as const satisfies SharpOptions;

export function targetGeometry(target: DecodeTarget): { height: number; width: number } {
  const { height, width } =
    typeof target.size === 'number' ? { height: target.size, width: target.size } : target.size;
  for (const side of [height, width]) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_TARGET_SIDE) {
      throw new ApiError(
        'bad_request',
        `decode size must be whole pixels from 1 to ${MAX_TARGET_SIDE}, got ${height}×${width}`,
      );
    }
  }
  if (target.channels !== 1 && target.channels !== 3)
    throw new ApiError('bad_request', `channels must be 1 or 3, got ${String(target.channels)}`);
  return { height, width };
}

/** Reads a whole file, turning I/O failures into skip reasons. */
export async function readImageFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new ImageDecodeError('vanished', 'the file disappeared before it could be read', file);
    if (code === 'EISDIR') throw new ImageDecodeError('not-an-image', 'this is a folder, not a file', file);
    throw new ImageDecodeError(
      'unreadable',
      `cannot read the file (${code ?? (error as Error).message})`,
      file,
    );
  }
}

/** A sharp pipeline for the bytes, after checking by content that they are a decodable image. */
export function openImage(bytes: Uint8Array): { image: Sharp; format: DecodableFormat } {
  if (bytes.length === 0) throw new ImageDecodeError('zero-bytes', 'the file is empty');
  const format = sniffFormat(bytes);
  if (format === null)
    throw new ImageDecodeError(
      'not-an-image',
      'the content is not a known image format, whatever the name says',
    );
  if (!isDecodable(format))
    throw new ImageDecodeError(
      'unsupported-format',
      `${format.toUpperCase()} images cannot be decoded by this build`,
    );
  if (format === 'bmp') {
    const bmp = decodeBmp(bytes);
    return {
      image: sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: bmp.channels } }),
      format,
    };
  }
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { image: sharp(buffer, SHARP_INPUT_OPTIONS), format };
}

/** sharp's failures for bytes whose signature was fine: the file is damaged (or too big). */
export function classifySharpError(error: unknown, format: string): ImageDecodeError {
  if (error instanceof ImageDecodeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return new ImageDecodeError(
      'too-large',
      `${format.toUpperCase()} has more pixels than the decoder allows: ${message}`,
    );
  return new ImageDecodeError('truncated-or-corrupt', `${format.toUpperCase()} does not decode: ${message}`);
}

/**
 * Orientation, alpha, colour and geometry, in sharp's fixed pipeline order: EXIF orientation
 * applied, alpha composited on the background, resized (crop: cover + centre crop; pad:
 * contain + background; lanczos3 either way), then converted to 1-channel luminance or sRGB.
 */
function shape(image: Sharp, target: DecodeTarget): Sharp {
  const { height, width } = targetGeometry(target);
  const background = { r: target.background.r, g: target.background.g, b: target.background.b };
  const shaped = image
    .autoOrient()
    .flatten({ background })
    .resize(width, height, {
      fit: target.resize === 'crop' ? 'cover' : 'contain',
      position: 'centre',
      background,
      kernel: 'lanczos3',
    });
  return target.channels === 1 ? shaped.toColourspace('b-w') : shaped.toColourspace('srgb');
}

async function toPixels(image: Sharp, target: DecodeTarget): Promise<Uint8Array> {
  const { height, width } = targetGeometry(target);
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== target.channels) {
    throw new ApiError(
      'internal',
      `decoder produced ${info.height}×${info.width}×${info.channels}, expected ${height}×${width}×${target.channels}`,
    );
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Decodes a file (path) or its bytes to H×W×C uint8 at the target geometry. Every failure is
 * an ImageDecodeError carrying a skip reason; nothing else is thrown for bad input.
 */
export async function decodeImage(input: string | Uint8Array, target: DecodeTarget): Promise<Uint8Array> {
  targetGeometry(target);
  const bytes = typeof input === 'string' ? await readImageFile(input) : input;
  const { image, format } = withFile(() => openImage(bytes), input);
  try {
    return await toPixels(shape(image, target), target);
  } catch (error) {
    if (error instanceof ApiError && !(error instanceof ImageDecodeError)) throw error;
    throw withFileName(classifySharpError(error, format), input);
  }
}

/** decodeImage without throwing for bad input: the failure comes back as a value. */
export async function tryDecodeImage(
  input: string | Uint8Array,
  target: DecodeTarget,
): Promise<DecodeOutcome> {
  try {
    return { ok: true, pixels: await decodeImage(input, target) };
  } catch (error) {
    if (error instanceof ImageDecodeError) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}

/** Brings already-decoded pixels (IDX, CIFAR records) to the target geometry. */
export async function reshapePixels(
  pixels: Uint8Array,
  source: { height: number; width: number; channels: 1 | 3 },
  target: DecodeTarget,
): Promise<Uint8Array> {
  const { height, width } = targetGeometry(target);
  if (source.height === height && source.width === width && source.channels === target.channels)
    return pixels.slice();
  const raw = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const image = sharp(raw, {
    raw: { width: source.width, height: source.height, channels: source.channels },
  });
  return toPixels(shape(image, target), target);
}

function withFile<T>(open: () => T, input: string | Uint8Array): T {
  try {
    return open();
  } catch (error) {
    throw error instanceof ImageDecodeError ? withFileName(error, input) : error;
  }
}

function withFileName(error: ImageDecodeError, input: string | Uint8Array): ImageDecodeError {
  if (typeof input !== 'string' || (error.details as { file?: string }).file) return error;
  return new ImageDecodeError(error.reason, error.detail, input);
}
