import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads what npz-writer.ts writes, and `numpy.savez` / `savez_compressed` files: ZIP (STORED or
 * DEFLATE, ZIP64 aware) of .npy v1/v2/v3 members with little-endian or byte dtypes. Whole-file,
 * in memory: for tests and small archives.
 */

export interface NpyParsed {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** The array's bytes (C order unless fortranOrder). */
  data: Uint8Array;
  /** Bytes before the data (magic + version + header). */
  headerBytes: number;
}

function fail(message: string): never {
  throw new Error(message);
}

export function parseNpy(bytes: Uint8Array): NpyParsed {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) fail('not an .npy file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] as number;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (major < 1 || major > 3) fail(`unsupported .npy version ${major}`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(start, start + headerLength),
  );
  if (!header.endsWith('\n')) fail('.npy header does not end with a newline');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1] ?? fail(`.npy header has no descr: ${header}`);
  const fortran =
    /'fortran_order':\s*(True|False)/.exec(header)?.[1] ?? fail('.npy header has no fortran_order');
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? fail('.npy header has no shape');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const dataStart = start + headerLength;
  return {
    descr,
    fortranOrder: fortran === 'True',
    shape,
    data: bytes.subarray(dataStart),
    headerBytes: dataStart,
  };
}

export interface ZipMember {
  name: string;
  method: number;
  crc32: number;
  data: Uint8Array;
}

/** Every member of a ZIP archive, CRC-checked. */
export function readZip(bytes: Uint8Array): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('not a ZIP file (no end of central directory)');
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === 0x07064b50) {
    const end64 = Number(view.getBigUint64(locator + 8, true));
    if (view.getUint32(end64, true) !== 0x06064b50) fail('bad ZIP64 end of central directory');
    count = Number(view.getBigUint64(end64 + 32, true));
    cdOffset = Number(view.getBigUint64(end64 + 48, true));
  }
  const members: ZipMember[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) fail(`bad central directory record at ${p}`);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressed = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let offset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          const v = Number(view.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressed === 0xffffffff) compressed = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + len;
    }
    if (view.getUint32(offset, true) !== 0x04034b50) fail(`bad local header for ${name}`);
    const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressed);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = new Uint8Array(inflateRawSync(raw));
    else fail(`${name}: unsupported ZIP method ${method}`);
    if (data.length !== size) fail(`${name}: ${data.length} bytes, expected ${size}`);
    if (crc32(data) >>> 0 !== crc >>> 0) fail(`${name}: CRC mismatch`);
    members.push({ name, method, crc32: crc, data });
    p = extraEnd + commentLength;
  }
  return members;
}

/** An .npz as name (without ".npy") → parsed array. */
export function readNpz(bytes: Uint8Array): Map<string, NpyParsed> {
  const out = new Map<string, NpyParsed>();
  for (const member of readZip(bytes)) out.set(member.name.replace(/\.npy$/, ''), parseNpy(member.data));
  return out;
}

/** A `<U{k}` array's strings (trailing NULs dropped, as numpy does). */
export function decodeUnicode(array: NpyParsed): string[] {
  const m = /^<U(\d+)$/.exec(array.descr);
  if (!m) fail(`expected a little-endian unicode array, got ${array.descr}`);
  const chars = Number(m[1]);
  const view = new DataView(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const count = array.shape.reduce((a, b) => a * b, 1);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const points: number[] = [];
    for (let j = 0; j < chars; j++) points.push(view.getUint32((i * chars + j) * 4, true));
    while (points.length && points[points.length - 1] === 0) points.pop();
    out.push(String.fromCodePoint(...points));
  }
  return out;
}

/** An integer array's values as numbers ('<i8', '<i4', '|u1', '<u2'…). */
export function decodeIntegers(array: NpyParsed): number[] {
  const view = new DataView(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const count = array.shape.reduce((a, b) => a * b, 1);
  const read: Record<string, (i: number) => number> = {
    '|u1': (i) => view.getUint8(i),
    '|i1': (i) => view.getInt8(i),
    '<u2': (i) => view.getUint16(i * 2, true),
    '<i2': (i) => view.getInt16(i * 2, true),
    '<i4': (i) => view.getInt32(i * 4, true),
    '<u4': (i) => view.getUint32(i * 4, true),
    '<i8': (i) => Number(view.getBigInt64(i * 8, true)),
    '<u8': (i) => Number(view.getBigUint64(i * 8, true)),
  };
  const get = read[array.descr] ?? fail(`unsupported integer dtype ${array.descr}`);
  return Array.from({ length: count }, (_, i) => get(i));
}
