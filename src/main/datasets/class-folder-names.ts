/**
 * Folder names for class names that are safe on Windows, macOS and Linux alike. The manifest
 * and labels.csv keep the real names; the folder is only where the files live.
 *
 * Rules, in order:
 * 1. Unicode NFC (macOS file systems may otherwise store a different byte sequence).
 * 2. Path separators, characters Windows forbids (`< > : " / \ | ? *`), control characters
 *    (C0, DEL, C1) and invisible bidirectional/line-separator format characters become "_".
 * 3. Surrounding white space is trimmed; trailing dots and spaces are dropped (Windows strips
 *    them, so "a." and "a" would be the same folder); leading dots become "_" (no hidden
 *    folders, no "." or "..").
 * 4. Reserved Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9 with ¹²³ variants,
 *    CONIN$, CONOUT$, CLOCK$), also with an extension ("con.txt") or trailing spaces before
 *    it, get "_" after the device name: "CON_", "con_.txt".
 * 5. At most MAX_FOLDER_BYTES bytes of UTF-8, cut between grapheme clusters.
 * 6. Nothing left: `class_<index>`.
 * 7. Collisions compare case-insensitively (NFC, lower case). A class whose cleaned name is
 *    unique keeps it; among classes sharing one, the lowest index keeps it and the others get
 *    `_2`, `_3`… (the first suffix not used by any cleaned name), in class-index order. The
 *    mapping is therefore a function of the class list alone.
 */
export const MAX_FOLDER_BYTES = 100;

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)(?= *(\.|$))/iu;

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** The longest prefix of whole grapheme clusters that fits in `maxBytes` of UTF-8. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = byteLength(segment);
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

function stripEnds(text: string): string {
  return text.trim().replace(/[. ]+$/u, '');
}

/** The cleaned folder name of one class before collisions are resolved ('' when nothing is left). */
export function cleanFolderName(name: string, maxBytes = MAX_FOLDER_BYTES): string {
  let base = stripEnds(name.normalize('NFC').replace(UNSAFE, '_'));
  base = base.replace(/^\.+/u, (dots) => '_'.repeat(dots.length));
  base = stripEnds(truncateUtf8(base, maxBytes));
  if (RESERVED.test(base)) base = stripEnds(truncateUtf8(base.replace(RESERVED, '$1_'), maxBytes));
  return base;
}

function collisionKey(folder: string): string {
  return folder.normalize('NFC').toLowerCase();
}

/** One safe, distinct folder name per class, in class-index order. */
export function classFolderNames(names: readonly string[], maxBytes = MAX_FOLDER_BYTES): string[] {
  const bases = names.map((name, index) => cleanFolderName(name, maxBytes) || `class_${index}`);
  const natural = new Set(bases.map(collisionKey));
  const used = new Set<string>();
  return bases.map((base) => {
    if (!used.has(collisionKey(base))) {
      used.add(collisionKey(base));
      return base;
    }
    for (let n = 2; ; n++) {
      const suffix = `_${n}`;
      const folder = stripEnds(truncateUtf8(base, maxBytes - suffix.length)) + suffix;
      const key = collisionKey(folder);
      if (!used.has(key) && !natural.has(key)) {
        used.add(key);
        return folder;
      }
    }
  });
}
