import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classFolderNames,
  cleanFolderName,
  MAX_FOLDER_BYTES,
  truncateUtf8,
} from '../../../src/main/datasets/class-folder-names';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('class folder names: safe on every OS', () => {
  it('keeps ordinary names, spaces and Unicode letters as they are', () => {
    expect(classFolderNames(['cat', 'Ankle boot', 'Grünkohl', '猫', 'a-b_c (1)'])).toEqual([
      'cat',
      'Ankle boot',
      'Grünkohl',
      '猫',
      'a-b_c (1)',
    ]);
  });

  it('turns path separators into "_" (no sub-folders, no escaping images/)', () => {
    expect(classFolderNames(['T-shirt/top', 'a\\b', '../../etc/passwd'])).toEqual([
      'T-shirt_top',
      'a_b',
      '___.._etc_passwd',
    ]);
  });

  it('never yields "." or ".." or a hidden folder', () => {
    expect(cleanFolderName('.')).toBe('');
    expect(cleanFolderName('..')).toBe('');
    expect(cleanFolderName('...')).toBe('');
    expect(cleanFolderName('.hidden')).toBe('_hidden');
    expect(cleanFolderName('..x')).toBe('__x');
    expect(classFolderNames(['.', '..'])).toEqual(['class_0', 'class_1']);
  });

  it('replaces the characters Windows forbids', () => {
    expect(cleanFolderName('a<b>c:d"e|f?g*h')).toBe('a_b_c_d_e_f_g_h');
  });

  it('replaces control characters (C0, DEL, C1) and invisible bidi / line-separator characters', () => {
    expect(cleanFolderName('a\u0000b\u0007c\nd\te\u007ff\u0085g')).toBe('a_b_c_d_e_f_g');
    expect(cleanFolderName('evil\u202egnp.exe')).toBe('evil_gnp.exe');
    expect(cleanFolderName('x\u2028y')).toBe('x_y');
  });

  it('renames reserved Windows device names, with any case, extension or trailing spaces', () => {
    for (const name of [
      'CON',
      'con',
      'Prn',
      'AUX',
      'NUL',
      'COM1',
      'com9',
      'COM0',
      'LPT1',
      'lpt9',
      'COM¹',
      'LPT³',
      'CONIN$',
      'conout$',
    ]) {
      const folder = cleanFolderName(name);
      expect(folder.toLowerCase()).toBe(`${name.toLowerCase()}_`);
    }
    expect(cleanFolderName('con.txt')).toBe('con_.txt');
    expect(cleanFolderName('NUL.tar.gz')).toBe('NUL_.tar.gz');
    expect(cleanFolderName('CON .txt')).toBe('CON_ .txt');
    expect(cleanFolderName('CON  ')).toBe('CON_');
    // Not reserved: longer words that start the same, and COM10.
    for (const name of ['console', 'conx', 'nullable', 'COM10', 'LPT', 'auxiliary.txt'])
      expect(cleanFolderName(name)).toBe(name);
  });

  it('drops trailing dots and spaces, trims surrounding white space', () => {
    expect(cleanFolderName('name.')).toBe('name');
    expect(cleanFolderName('name . . ')).toBe('name');
    expect(cleanFolderName('  padded  ')).toBe('padded');
    expect(cleanFolderName('a.b')).toBe('a.b');
  });

  it('normalises to NFC (macOS would otherwise see two spellings of one name)', () => {
    const decomposed = 'e\u0301te\u0301';
    expect(cleanFolderName(decomposed)).toBe('\u00e9t\u00e9');
    expect(classFolderNames(['\u00e9t\u00e9', decomposed])).toEqual(['\u00e9t\u00e9', '\u00e9t\u00e9_2']);
  });

  it(`caps the name at ${MAX_FOLDER_BYTES} bytes of UTF-8 without splitting a character or grapheme`, () => {
    expect(bytes(cleanFolderName('x'.repeat(300)))).toBe(MAX_FOLDER_BYTES);
    const cjk = cleanFolderName('猫'.repeat(50)); // 3 bytes each
    expect(bytes(cjk)).toBe(99);
    expect(cjk).toBe('猫'.repeat(33));
    const emoji = '👩‍👩‍👧'; // one grapheme, 18 bytes
    expect(truncateUtf8(emoji.repeat(10), 40)).toBe(emoji.repeat(2));
    expect(truncateUtf8('ab\u0301c', 3)).toBe('a'); // "b + combining acute" stays whole
    // A cut that leaves a trailing dot or space drops it too.
    expect(cleanFolderName(`${'x'.repeat(99)}.y`)).toBe('x'.repeat(99));
  });

  it('falls back to class_<index> when nothing is left', () => {
    expect(classFolderNames(['', '   ', 'ok', '. .'])).toEqual(['class_0', 'class_1', 'ok', 'class_3']);
  });

  it('resolves collisions case-insensitively and deterministically, lowest index first', () => {
    expect(classFolderNames(['Cat', 'cat', 'CAT'])).toEqual(['Cat', 'cat_2', 'CAT_3']);
    expect(classFolderNames(['a/b', 'a_b', 'a?b'])).toEqual(['a_b', 'a_b_2', 'a_b_3']);
    // A class whose own cleaned name is unique keeps it, even if it looks like a suffix.
    expect(classFolderNames(['a', 'A', 'a_2'])).toEqual(['a', 'A_3', 'a_2']);
    // The mapping depends on the class list only.
    const names = ['x', 'X', 'x.', 'x ', 'x_2'];
    expect(classFolderNames(names)).toEqual(classFolderNames([...names]));
    expect(classFolderNames(names)).toEqual(['x', 'X_3', 'x_4', 'x_5', 'x_2']);
  });

  it('keeps suffixed long names within the cap', () => {
    const long = 'y'.repeat(200);
    const folders = classFolderNames([long, long.toUpperCase(), long]);
    expect(folders[0]).toBe('y'.repeat(100));
    expect(folders[1]).toBe(`${'Y'.repeat(98)}_2`);
    expect(folders[2]).toBe(`${'y'.repeat(98)}_3`);
    for (const f of folders) expect(bytes(f)).toBeLessThanOrEqual(MAX_FOLDER_BYTES);
  });

  it('gives distinct folders that this file system accepts for a hostile class list', () => {
    const hostile = [
      'T-shirt/top',
      '..',
      '.',
      'CON',
      'con',
      'aux.txt',
      'a:b',
      'trailing. ',
      '\u0000\u0001',
      'x'.repeat(400),
      'X'.repeat(400),
      'é',
      'e\u0301',
      '/',
      '\\',
      'COM1',
    ];
    const folders = classFolderNames(hostile);
    expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(hostile.length);
    const root = tempDir();
    for (const f of folders) {
      // eslint-disable-next-line no-control-regex -- control characters are what it checks for
      expect(f).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
      expect(f).not.toMatch(/^\.|[. ]$/);
      mkdirSync(join(root, f));
    }
    expect(readdirSync(root)).toHaveLength(hostile.length);
  });
});
