import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * NumPy `.npy` (format version 1.0) and `.npz` (a ZIP archive of .npy members, as written by
 * `numpy.savez`) without Python: what a training script loads with `np.load(path)`, no
 * `allow_pickle` needed.
 *
 * .npy v1.0: the magic "\x93NUMPY", major 1, minor 0, a little-endian uint16 header length,
 * then an ASCII Python dict literal `{'descr': …, 'fortran_order': False, 'shape': (…), }`
 * padded with spaces and ended by "\n" so that the data starts at a multiple of 64 bytes; then
 * the array's bytes in C order.
 *
 * .npz: ZIP members are STORED (no compression, like `numpy.savez`), with fixed timestamps so
 * the same arrays give the same bytes. ZIP64 records are used when a member or an offset does
 * not fit in 32 bits (Python's zipfile reads them).
 */

/** dtypes this writer knows, as numpy spells them. */
export type NpyDescr = '|u1' | '<i8' | '<i4' | `<U${number}`;

export interface NpyArray {
  descr: NpyDescr;
  shape: readonly number[];
  /** The array's bytes in C order; yielded in pieces so large arrays need not exist twice. */
  chunks: () => Iterable<Uint8Array>;
  /** Total bytes `chunks` yields: product(shape) × itemsize. */
  byteLength: number;
}

const MAGIC = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const ALIGN = 64;

export function itemSize(descr: NpyDescr): number {
  if (descr === '|u1') return 1;
  if (descr === '<i4') return 4;
  if (descr === '<i8') return 8;
  const chars = Number(descr.slice(2));
  if (!Number.isInteger(chars) || chars < 1) throw new Error(`bad unicode dtype ${descr}`);
  return 4 * chars;
}

function shapeLiteral(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** The .npy v1.0 preamble (magic, version, header) for an array; its length is a multiple of 64. */
export function npyHeader(descr: NpyDescr, shape: readonly number[]): Uint8Array {
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) throw new Error(`bad npy dimension ${dim}`);
  }
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const padded = Math.ceil(unpadded / ALIGN) * ALIGN;
  const headerLength = padded - MAGIC.length - 4;
  if (headerLength > 0xffff) throw new Error('npy header longer than 65535 bytes (format 1.0)');
  const out = new Uint8Array(padded);
  out.set(MAGIC, 0);
  out[6] = 1; // major
  out[7] = 0; // minor
  new DataView(out.buffer).setUint16(8, headerLength, true);
  const text = dict + ' '.repeat(padded - unpadded) + '\n';
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  return out;
}

export function uint8Array(
  shape: readonly number[],
  data: Uint8Array | (() => Iterable<Uint8Array>),
): NpyArray {
  const byteLength = shape.reduce((a, b) => a * b, 1);
  if (data instanceof Uint8Array) {
    if (data.length !== byteLength)
      throw new Error(
        `uint8 array of shape ${shapeLiteral(shape)} needs ${byteLength} bytes, got ${data.length}`,
      );
    return { descr: '|u1', shape, byteLength, chunks: () => [data] };
  }
  return { descr: '|u1', shape, byteLength, chunks: data };
}

export function int64Array(values: readonly number[]): NpyArray {
  const data = new Uint8Array(values.length * 8);
  const view = new DataView(data.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { descr: '<i8', shape: [values.length], byteLength: data.length, chunks: () => [data] };
}

/**
 * A fixed-width unicode array (`<U{k}`, UTF-32LE, k = the longest string in code points, at
 * least 1). numpy strips trailing NULs when reading, as it does for its own string arrays.
 */
export function unicodeArray(values: readonly string[]): NpyArray {
  const points = values.map((v) => Array.from(v, (ch) => ch.codePointAt(0) as number));
  const chars = Math.max(1, ...points.map((p) => p.length));
  const data = new Uint8Array(values.length * chars * 4);
  const view = new DataView(data.buffer);
  points.forEach((p, i) => p.forEach((cp, j) => view.setUint32((i * chars + j) * 4, cp, true)));
  return { descr: `<U${chars}`, shape: [values.length], byteLength: data.length, chunks: () => [data] };
}

/** One whole .npy file in memory (small arrays, tests). */
export function encodeNpy(array: NpyArray): Uint8Array {
  const header = npyHeader(array.descr, array.shape);
  const out = new Uint8Array(header.length + array.byteLength);
  out.set(header, 0);
  let offset = header.length;
  for (const chunk of array.chunks()) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== out.length)
    throw new Error(`npy data has ${offset - header.length} bytes, expected ${array.byteLength}`);
  return out;
}

export interface NpzMember {
  /** Member name inside the archive, e.g. "x.npy" (what np.load shows as "x"). */
  name: string;
  array: NpyArray;
}

export interface NpzMemberInfo {
  name: string;
  descr: NpyDescr;
  shape: number[];
  /** Bytes of the .npy member (header + data). */
  bytes: number;
  crc32: number;
}

export interface NpzWriteOptions {
  /** Write ZIP64 records even when everything fits in 32 bits (tests of the ZIP64 path). */
  forceZip64?: boolean;
  /** Called between chunks; throw to abandon the write (the caller removes the file). */
  onChunk?: (bytesWritten: number) => void;
}

const U32 = 0xffffffff;
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01: fixed, so equal arrays give equal files

class FileWriter {
  position = 0;
  constructor(readonly fd: number) {}

  write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length)
      done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }

  writeAt(bytes: Uint8Array, position: number): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
  }
}

class Bytes {
  private readonly parts: number[] = [];
  u16(v: number): this {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff);
    return this;
  }
  u32(v: number): this {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    return this;
  }
  u64(v: number): this {
    return this.u32(v % 2 ** 32).u32(Math.floor(v / 2 ** 32));
  }
  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.parts.push(b);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/**
 * Writes an .npz file (created new: fails if it exists) and fsyncs it. Returns what each member
 * holds. Data is streamed: the CRC is computed while writing and patched into the local header.
 */
export function writeNpz(
  file: string,
  members: readonly NpzMember[],
  options: NpzWriteOptions = {},
): NpzMemberInfo[] {
  const names = new Set<string>();
  for (const m of members) {
    if (!/^[A-Za-z0-9_.-]+$/.test(m.name)) throw new Error(`npz member name "${m.name}" must be plain ASCII`);
    if (names.has(m.name)) throw new Error(`npz member "${m.name}" appears twice`);
    names.add(m.name);
  }
  const fd = openSync(file, 'wx');
  try {
    const out = new FileWriter(fd);
    const central: { name: Uint8Array; crc: number; size: number; offset: number; zip64: boolean }[] = [];
    const infos: NpzMemberInfo[] = [];
    for (const member of members) {
      const header = npyHeader(member.array.descr, member.array.shape);
      const size = header.length + member.array.byteLength;
      const offset = out.position;
      const zip64 = options.forceZip64 === true || size >= U32 || offset >= U32;
      const name = new TextEncoder().encode(member.name);
      const local = new Bytes()
        .u32(0x04034b50)
        .u16(zip64 ? 45 : 20)
        .u16(0) // flags
        .u16(0) // STORED
        .u16(DOS_TIME)
        .u16(DOS_DATE)
        .u32(0) // CRC-32, patched below
        .u32(zip64 ? U32 : size)
        .u32(zip64 ? U32 : size)
        .u16(name.length)
        .u16(zip64 ? 20 : 0)
        .raw(name);
      if (zip64) local.u16(0x0001).u16(16).u64(size).u64(size);
      out.write(local.done());
      let crc = crc32(header);
      out.write(header);
      let written = 0;
      for (const chunk of member.array.chunks()) {
        crc = crc32(chunk, crc);
        out.write(chunk);
        written += chunk.length;
        options.onChunk?.(out.position);
      }
      if (written !== member.array.byteLength) {
        throw new Error(
          `npz member ${member.name}: data has ${written} bytes, expected ${member.array.byteLength}`,
        );
      }
      out.writeAt(new Bytes().u32(crc).done(), offset + 14);
      central.push({ name, crc, size, offset, zip64 });
      infos.push({
        name: member.name,
        descr: member.array.descr,
        shape: [...member.array.shape],
        bytes: size,
        crc32: crc,
      });
    }
    const cdOffset = out.position;
    for (const e of central) {
      const record = new Bytes()
        .u32(0x02014b50)
        .u16(e.zip64 ? 45 : 20) // made by (MS-DOS host)
        .u16(e.zip64 ? 45 : 20) // needed
        .u16(0)
        .u16(0)
        .u16(DOS_TIME)
        .u16(DOS_DATE)
        .u32(e.crc)
        .u32(e.zip64 ? U32 : e.size)
        .u32(e.zip64 ? U32 : e.size)
        .u16(e.name.length)
        .u16(e.zip64 ? 28 : 0)
        .u16(0) // comment
        .u16(0) // disk
        .u16(0) // internal attributes
        .u32(0) // external attributes
        .u32(e.zip64 ? U32 : e.offset)
        .raw(e.name);
      if (e.zip64) record.u16(0x0001).u16(24).u64(e.size).u64(e.size).u64(e.offset);
      out.write(record.done());
    }
    const cdSize = out.position - cdOffset;
    const zip64End =
      options.forceZip64 === true ||
      central.some((e) => e.zip64) ||
      cdOffset >= U32 ||
      central.length >= 0xffff;
    if (zip64End) {
      const endOffset = out.position;
      out.write(
        new Bytes()
          .u32(0x06064b50)
          .u64(44) // size of the rest of this record
          .u16(45)
          .u16(45)
          .u32(0)
          .u32(0)
          .u64(central.length)
          .u64(central.length)
          .u64(cdSize)
          .u64(cdOffset)
          .done(),
      );
      out.write(new Bytes().u32(0x07064b50).u32(0).u64(endOffset).u32(1).done());
    }
    out.write(
      new Bytes()
        .u32(0x06054b50)
        .u16(0)
        .u16(0)
        .u16(zip64End ? 0xffff : central.length)
        .u16(zip64End ? 0xffff : central.length)
        .u32(zip64End ? U32 : cdSize)
        .u32(zip64End ? U32 : cdOffset)
        .u16(0)
        .done(),
    );
    fsyncSync(fd);
    return infos;
  } finally {
    closeSync(fd);
  }
}
