import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ApiError } from '../../shared/rpc/errors';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UINT8_TYPE = 0x08;

/**
 * Reads an IDX file (the MNIST family's format), gzipped or not (detected by content, not by
 * name). Only unsigned-byte data is accepted: that is what image and label files use.
 */
/** Also returns the sha256 of the file's bytes as stored, so callers need not read it twice. */
export function readIdxFile(file: string): IdxArray & { fileSha256: string } {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    throw new ApiError(
      'io_error',
      `cannot read IDX file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let bytes = raw;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw);
    } catch (error) {
      throw new ApiError(
        'invalid_data',
        `IDX file ${file} is gzipped but cannot be decompressed (truncated or corrupt): ${(error as Error).message}`,
      );
    }
  }
  const fileSha256 = createHash('sha256').update(raw).digest('hex');
  return { ...parseIdx(bytes, file), fileSha256 };
}

export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw new ApiError(
      'invalid_data',
      `${name} is not an IDX file: wrong magic number 0x${magic || '(empty)'} (expected 0x0000TTNN)`,
    );
  }
  const type = bytes[2] as number;
  const ndim = bytes[3] as number;
  if (type !== UINT8_TYPE) {
    throw new ApiError(
      'invalid_data',
      `${name} holds IDX data type 0x${type.toString(16)}; only unsigned bytes (0x08) are supported`,
    );
  }
  if (ndim < 1 || ndim > 4)
    throw new ApiError('invalid_data', `${name} declares ${ndim} dimensions; expected 1 to 4`);
  const header = 4 + 4 * ndim;
  if (bytes.length < header) throw new ApiError('invalid_data', `${name} is truncated inside its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - header;
  if (found < expected) {
    throw new ApiError(
      'invalid_data',
      `${name} is truncated: header promises ${expected} bytes of data (dims ${dims.join('×')}), found ${found}`,
      {
        expected,
        found,
      },
    );
  }
  if (found > expected) {
    throw new ApiError(
      'invalid_data',
      `${name} has ${found - expected} unexpected bytes after its data (dims ${dims.join('×')})`,
    );
  }
  return { dims, data: bytes.subarray(header) };
}

/** Encodes an IDX uint8 array (used to build the embedded sample and in tests). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = UINT8_TYPE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
