/** Formats this build decodes: sharp for all but BMP, which has its own small decoder. */
export const DECODABLE_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'tiff', 'bmp', 'avif'] as const;
export type DecodableFormat = (typeof DECODABLE_FORMATS)[number];

/** Recognised image formats that sharp's prebuilt binaries cannot read. */
export type UndecodableFormat = 'heic' | 'psd' | 'ico' | 'jpeg2000' | 'pnm' | 'svg' | 'qoi' | 'jpegxl';

export type SniffedFormat = DecodableFormat | UndecodableFormat;

/** Bytes a caller should read for sniffFormat to see everything it checks. */
export const SNIFF_BYTES = 32;

const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/**
 * Identifies an image by its first bytes, never by its name: a text file called image.png is
 * not an image. Returns null when the bytes are not a known image format.
 */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b]))
    return 'tiff';
  // "BM" alone is too weak (a text file may start with it): also require a known DIB header size.
  if (bytes.length >= 18 && bytes[0] === 0x42 && bytes[1] === 0x4d) {
    const dib =
      (bytes[14] as number) |
      ((bytes[15] as number) << 8) |
      ((bytes[16] as number) << 16) |
      ((bytes[17] as number) << 24);
    if (BMP_HEADER_SIZES.has(dib)) return 'bmp';
  }
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  if (ascii(bytes, 0, 4) === '8BPS') return 'psd';
  if (
    startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) &&
    bytes.length >= 6 &&
    (bytes[4] ?? 0) + (bytes[5] ?? 0) > 0
  )
    return 'ico';
  if (
    startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) ||
    startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])
  ) {
    return 'jpeg2000';
  }
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]))
    return 'jpegxl';
  if (ascii(bytes, 0, 4) === 'qoif') return 'qoi';
  if (/^P[1-7]\s/.test(ascii(bytes, 0, 3))) return 'pnm';
  if (/^\s*<svg[\s>]/.test(ascii(bytes, 0, SNIFF_BYTES))) return 'svg';
  return null;
}

export function isDecodable(format: SniffedFormat): format is DecodableFormat {
  return (DECODABLE_FORMATS as readonly string[]).includes(format);
}
