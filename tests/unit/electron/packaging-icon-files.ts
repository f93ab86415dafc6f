/*
 * Readers for the icon containers make-icons.ts writes (src/main/electron/build/icon-formats.ts),
 * so packaging-config.test.ts can check every size inside them, not just that the files exist.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (
    png.length < 24 ||
    !png.subarray(0, 8).equals(PNG_SIGNATURE) ||
    png.toString('ascii', 12, 16) !== 'IHDR'
  )
    throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** ICO directory entries (a size byte of 0 means 256) with the image bytes each points at. */
export function icoEntries(ico: Buffer): { size: number; png: Buffer }[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = ico.readUInt16LE(4);
  const entries: { size: number; png: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const width = ico.readUInt8(at) || 256;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    entries.push({ size: width, png: ico.subarray(offset, offset + length) });
  }
  return entries;
}

/** ICNS chunks: four-letter type and payload, in file order. */
export function icnsEntries(icns: Buffer): { type: string; png: Buffer }[] {
  if (icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length)
    throw new Error('not an ICNS');
  const entries: { type: string; png: Buffer }[] = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8) throw new Error('corrupt ICNS chunk');
    entries.push({ type: icns.toString('ascii', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}
