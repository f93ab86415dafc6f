import { extname } from 'node:path';

/** Extensions of formats this build decodes (see sniff-format.ts). */
const IMAGE_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.bmp',
  '.dib',
  '.avif',
]);

/** Extensions of real image formats we cannot decode: reported as such, not as "not an image". */
const UNSUPPORTED_IMAGE_EXTENSIONS = new Set([
  '.heic', '.heif', '.psd', '.ico', '.cur', '.jp2', '.j2k', '.jpx', '.jxl', '.pbm', '.pgm', '.ppm', '.pnm', '.pam',
  '.svg', '.qoi', '.tga', '.exr', '.hdr', '.dng', '.cr2', '.cr3', '.nef', '.arw', '.orf', '.rw2', '.raf',
]); // prettier-ignore

/** Names operating systems and tools leave behind; compared in lower case. */
const JUNK_NAMES = new Set([
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '__macosx',
  '$recycle.bin',
  'system volume information',
  '@eadir',
]);

export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || JUNK_NAMES.has(name.toLowerCase());
}

export type NameKind = 'image' | 'unsupported-image' | 'no-extension' | 'other';

/** What a file's extension says it is; content is checked later (sniffFormat). */
export function classifyByExtension(name: string): NameKind {
  const ext = extname(name).toLowerCase();
  if (ext === '' || ext === '.') return 'no-extension';
  if (IMAGE_EXTENSIONS.has(ext)) return 'image';
  if (UNSUPPORTED_IMAGE_EXTENSIONS.has(ext)) return 'unsupported-image';
  return 'other';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** A directory entry's name as a string, or null when its bytes are not valid UTF-8. */
export function decodeName(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function describeInvalidName(bytes: Uint8Array): { shown: string; hex: string } {
  return { shown: lenientUtf8.decode(bytes), hex: Buffer.from(bytes).toString('hex') };
}

/** Sorts by the UTF-8 bytes of the keys (a stable order on every platform and locale). */
export function sortByUtf8<T>(items: readonly T[], ...keys: ((item: T) => string)[]): T[] {
  const keyed = items.map((item) => ({ item, bytes: keys.map((key) => Buffer.from(key(item), 'utf8')) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = Buffer.compare(a.bytes[i] as Buffer, b.bytes[i] as Buffer);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

/**
 * Class names are compared as text: a folder name read back in NFD (macOS) and the same name
 * typed in a CSV in NFC must be one class.
 */
export function normaliseClassName(name: string): string {
  return name.normalize('NFC');
}
