import { crc32 } from 'node:zlib';
import { type NpzMember, type NpzMemberInfo, npyHeader } from './npz-writer';

/**
 * What writeNpz (npz-writer.ts) would write, without writing it: each member's info (the
 * manifest lists them, CRC included) and the archive's size on disk. The sizes follow the ZIP
 * records writeNpz emits, field by field; tests compare them with real archives so the two
 * cannot drift apart unnoticed.
 */

const U32 = 0xffffffff;
/** Local file header, central directory record, end of central directory: fixed parts. */
const LOCAL_HEADER = 30;
const CENTRAL_RECORD = 46;
const END_RECORD = 22;
/** ZIP64 extra fields: two sizes (local), two sizes and an offset (central). */
const LOCAL_ZIP64_EXTRA = 20;
const CENTRAL_ZIP64_EXTRA = 28;
/** ZIP64 end of central directory record and its locator. */
const ZIP64_END = 56 + 20;

/** Each member as writeNpz reports it: .npy bytes (header + data) and CRC-32. */
export function npzMemberInfos(members: readonly NpzMember[]): NpzMemberInfo[] {
  return members.map((member) => {
    const header = npyHeader(member.array.descr, member.array.shape);
    let crc = crc32(header);
    for (const chunk of member.array.chunks()) crc = crc32(chunk, crc);
    return {
      name: member.name,
      descr: member.array.descr,
      shape: [...member.array.shape],
      bytes: header.length + member.array.byteLength,
      crc32: crc,
    };
  });
}

/** Bytes of the .npz file writeNpz makes of members of these names and .npy sizes. */
export function npzFileBytes(members: readonly Pick<NpzMemberInfo, 'name' | 'bytes'>[]): number {
  let position = 0;
  let central = 0;
  let anyZip64 = false;
  for (const member of members) {
    const name = new TextEncoder().encode(member.name).length;
    const zip64 = member.bytes >= U32 || position >= U32;
    anyZip64 ||= zip64;
    position += LOCAL_HEADER + name + (zip64 ? LOCAL_ZIP64_EXTRA : 0) + member.bytes;
    central += CENTRAL_RECORD + name + (zip64 ? CENTRAL_ZIP64_EXTRA : 0);
  }
  const zip64End = anyZip64 || position >= U32 || members.length >= 0xffff;
  return position + central + (zip64End ? ZIP64_END : 0) + END_RECORD;
}
