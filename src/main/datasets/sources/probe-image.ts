import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { ApiError } from '../../../shared/rpc/errors';
import { readBmpHeader } from './bmp-decoder';
import { ImageDecodeError } from './decode-error';
import { classifySharpError, SHARP_INPUT_OPTIONS } from './decode-image';
import { isDecodable, sniffFormat, type DecodableFormat } from './sniff-format';

export interface ImageProbe {
  /** Size as displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  /** Colour channels the image naturally decodes to: 1 for grayscale, else 3 (alpha not counted). */
  channels: 1 | 3;
  format: DecodableFormat;
  /** Bits per sample as stored (1, 4, 8, 16, ...; BMP: bits per pixel). */
  bitDepth: number;
  hasAlpha: boolean;
}

export interface DefaultGeometry {
  height: number;
  width: number;
  channels: 1 | 3;
  /** The most common size before capping, and the share of probed images that have it. */
  commonHeight: number;
  commonWidth: number;
  share: number;
}

/** Enough for every signature and a BMP's header with its colour masks. */
const HEAD_BYTES = 256;

async function readHead(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new ImageDecodeError('vanished', 'the file disappeared before it could be read', file);
    throw new ImageDecodeError(
      'unreadable',
      `cannot read the file (${code ?? (error as Error).message})`,
      file,
    );
  } finally {
    await handle?.close();
  }
}

/**
 * Reads an image's header only (sharp metadata; BMP by hand): cheap enough to run over a
 * sample of a dataset to pick the working resolution. Does not detect truncation: only a
 * full decode does.
 */
export async function probeImage(input: string | Uint8Array): Promise<ImageProbe> {
  const head = typeof input === 'string' ? await readHead(input) : input;
  const label = typeof input === 'string' ? input : undefined;
  if (head.length === 0) throw new ImageDecodeError('zero-bytes', 'the file is empty', label);
  const format = sniffFormat(head);
  if (format === null)
    throw new ImageDecodeError(
      'not-an-image',
      'the content is not a known image format, whatever the name says',
      label,
    );
  if (!isDecodable(format))
    throw new ImageDecodeError(
      'unsupported-format',
      `${format.toUpperCase()} images cannot be decoded by this build`,
      label,
    );
  if (format === 'bmp') {
    const bmp = readBmpHeader(head);
    return {
      width: bmp.width,
      height: bmp.height,
      channels: 3,
      format,
      bitDepth: bmp.bitsPerPixel,
      hasAlpha: bmp.hasAlpha,
    };
  }
  let meta: Metadata;
  try {
    const source =
      typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    meta = await sharp(source, SHARP_INPUT_OPTIONS).metadata();
  } catch (error) {
    const failure = classifySharpError(error, format);
    throw label ? new ImageDecodeError(failure.reason, failure.detail, label) : failure;
  }
  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const gray =
    meta.space === 'b-w' ||
    meta.space === 'grey16' ||
    (!meta.isPalette && (meta.channels === 1 || meta.channels === 2));
  return {
    width: oriented.width,
    height: oriented.height,
    channels: gray ? 1 : 3,
    format,
    bitDepth: meta.bitsPerSample ?? (meta.depth === 'ushort' ? 16 : 8),
    hasAlpha: meta.hasAlpha ?? false,
  };
}

/**
 * The working resolution to propose: the most common size among the probes (ties: the one
 * seen first in sorted order of count, then area), scaled down so its longer side is at most
 * `cap`; one channel only when every probe is grayscale.
 */
export function chooseDefaultGeometry(
  probes: readonly Pick<ImageProbe, 'width' | 'height' | 'channels'>[],
  cap = 64,
): DefaultGeometry {
  if (probes.length === 0)
    throw new ApiError('invalid_data', 'no images could be probed to choose a working size');
  if (!Number.isInteger(cap) || cap < 1)
    throw new ApiError('bad_request', `size cap must be a positive whole number, got ${cap}`);
  const counts = new Map<string, { height: number; width: number; count: number }>();
  for (const probe of probes) {
    const key = `${probe.height}x${probe.width}`;
    const seen = counts.get(key) ?? { height: probe.height, width: probe.width, count: 0 };
    seen.count++;
    counts.set(key, seen);
  }
  const [best] = [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      b.height * b.width - a.height * a.width ||
      a.height - b.height ||
      a.width - b.width,
  );
  const common = best as { height: number; width: number; count: number };
  const scale = Math.min(1, cap / Math.max(common.height, common.width));
  return {
    height: Math.max(1, Math.round(common.height * scale)),
    width: Math.max(1, Math.round(common.width * scale)),
    channels: probes.every((p) => p.channels === 1) ? 1 : 3,
    commonHeight: common.height,
    commonWidth: common.width,
    share: common.count / probes.length,
  };
}
