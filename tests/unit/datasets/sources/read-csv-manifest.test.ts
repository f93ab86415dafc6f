import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLabelsCsv } from '../../../../src/main/datasets/labels-csv';
import { parseCsvRecords } from '../../../../src/main/datasets/sources/csv-records';
import { readCsvManifest } from '../../../../src/main/datasets/sources/read-csv-manifest';
import type { FileListing } from '../../../../src/main/datasets/sources/types';
import { encodeImage, solidImage, RED } from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

async function writePngs(root: string, relPaths: string[]): Promise<void> {
  const png = await encodeImage(solidImage(2, 2, RED), 'png');
  for (const rel of relPaths) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), png);
  }
}

function rows(listing: FileListing): string[] {
  return listing.entries.map((e) => `${e.className}|${e.relPath}|${e.split}`);
}

describe('parseCsvRecords (RFC 4180)', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside fields, CRLF and a BOM', () => {
    const text = '\ufeffa,"b, c","say ""hi"""\r\n"multi\nline",x,\r\n\r\n  \nlast,"",z';
    expect(parseCsvRecords(text)).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', 'x', ''] },
      { line: 5, fields: ['  '] },
      { line: 6, fields: ['last', '', 'z'] },
    ]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(() => parseCsvRecords('a,b\n"open,c\nd', 'm.csv')).toThrow(/line 2 is never closed/);
  });
});

describe('readCsvManifest', () => {
  it('reads path,label,split with a header, quoted names, relative and absolute paths', async () => {
    const dir = tempDir();
    const outside = tempDir();
    await writePngs(dir, ['images/a, b.png', 'images/c.png', 'images/sub/d.png']);
    await writePngs(outside, ['far.png']);
    const csv = [
      'path,label,split',
      '"images/a, b.png","golden ""retriever""",train',
      'images/c.png,cat,TEST',
      'images/sub/d.png,  cat  ,val',
      `${join(outside, 'far.png')},cat,`,
      '../' + join(outside, 'far.png').split('/').slice(-2).join('/') + ',dog,train',
    ].join('\n');
    writeFileSync(join(dir, 'labels.csv'), csv);
    const listing = await readCsvManifest(join(dir, 'labels.csv'));
    expect(listing).toMatchObject({ format: 'csv', root: join(dir, 'labels.csv'), baseDir: dir });
    expect(listing.classNames).toEqual(['cat', 'golden "retriever"']);
    expect(rows(listing)).toEqual([
      `cat|${join('..', outside.split('/').pop() as string, 'far.png')}|null`,
      'cat|images/c.png|test',
      'cat|images/sub/d.png|test',
      'golden "retriever"|images/a, b.png|train',
    ]);
    // The same file twice (absolute, then relative): the first row wins.
    expect(listing.skipped).toEqual([
      {
        path: join(outside, 'far.png'),
        reason: 'duplicate',
        detail: 'line 6 repeats the file of line 5; the first row is used',
      },
    ]);
  });

  it('says why each unusable row was skipped', async () => {
    const dir = tempDir();
    await writePngs(dir, ['ok.png', 'twice.png']);
    writeFileSync(join(dir, 'notes.txt'), 'text');
    writeFileSync(join(dir, 'empty.png'), '');
    mkdirSync(join(dir, 'folder.png'));
    writeFileSync(join(dir, 'photo.heic'), 'heic bytes');
    const csv = [
      'file,class',
      'ok.png,cat',
      'missing.png,cat',
      'twice.png,cat',
      'twice.png,dog',
      ',cat',
      'ok.png,',
      'notes.txt,cat',
      'empty.png,cat',
      'folder.png,cat',
      'photo.heic,cat',
    ].join('\n');
    writeFileSync(join(dir, 'm.csv'), csv);
    const listing = await readCsvManifest(join(dir, 'm.csv'));
    expect(rows(listing)).toEqual(['cat|ok.png|null', 'cat|twice.png|null']);
    const at = (line: number): string => `${join(dir, 'm.csv')}:${line}`;
    expect(listing.skipped.map((s) => [s.path, s.reason])).toEqual([
      [join(dir, 'twice.png'), 'duplicate'],
      [at(6), 'bad-row'],
      [at(7), 'bad-row'],
      [join(dir, 'missing.png'), 'missing'],
      [join(dir, 'notes.txt'), 'not-an-image'],
      [join(dir, 'empty.png'), 'zero-bytes'],
      [join(dir, 'folder.png'), 'not-an-image'],
      [join(dir, 'photo.heic'), 'unsupported-format'],
    ]);
    expect(listing.skipped[0]?.detail).toMatch(/line 5 repeats the file of line 4/);
  });

  it('works without a header, and with an unknown header recognised by its content', async () => {
    const dir = tempDir();
    await writePngs(dir, ['a.png', 'b.jpg']);
    writeFileSync(join(dir, 'plain.csv'), 'a.png,cat\nb.jpg,dog\n');
    expect(rows(await readCsvManifest(join(dir, 'plain.csv')))).toEqual(['cat|a.png|null', 'dog|b.jpg|null']);
    writeFileSync(join(dir, 'odd.csv'), 'picture,breed,fold\na.png,cat,train\nb.jpg,dog,test\n');
    expect(rows(await readCsvManifest(join(dir, 'odd.csv')))).toEqual(['cat|a.png|train', 'dog|b.jpg|test']);
  });

  it("reads the app's own labels.csv, taking class_name over class_index", async () => {
    const dir = tempDir();
    await writePngs(dir, ['images/a_b/000000.png', 'images/cat/000001.png']);
    const csv = buildLabelsCsv([
      { file: 'images/a_b/000000.png', classIndex: 0, className: 'a/b, "quoted"' },
      { file: 'images/cat/000001.png', classIndex: 1, className: 'cat' },
    ]);
    writeFileSync(join(dir, 'labels.csv'), csv);
    const listing = await readCsvManifest(join(dir, 'labels.csv'));
    expect(listing.classNames).toEqual(['a/b, "quoted"', 'cat']);
  });

  it('falls back to slashes for a manifest written with Windows separators', async () => {
    const dir = tempDir();
    await writePngs(dir, ['images/cat/1.png']);
    writeFileSync(join(dir, 'win.csv'), 'path,label\r\nimages\\cat\\1.png,cat\r\n');
    const listing = await readCsvManifest(join(dir, 'win.csv'));
    expect(rows(listing)).toEqual(['cat|images/cat/1.png|null']);
  });

  it('refuses manifests it cannot use, with clear messages', async () => {
    const dir = tempDir();
    await expect(readCsvManifest(join(dir, 'none.csv'))).rejects.toMatchObject({ code: 'not_found' });
    writeFileSync(join(dir, 'empty.csv'), '\n\n');
    await expect(readCsvManifest(join(dir, 'empty.csv'))).rejects.toThrow(/holds no rows/);
    writeFileSync(join(dir, 'half.csv'), 'path,size\na.png,12\n');
    await expect(readCsvManifest(join(dir, 'half.csv'))).rejects.toThrow(/no label column/);
    writeFileSync(join(dir, 'one.csv'), 'a.png\n');
    await expect(readCsvManifest(join(dir, 'one.csv'))).rejects.toThrow(/at least two columns/);
    writeFileSync(
      join(dir, 'latin1.csv'),
      Buffer.from([0x61, 0x2e, 0x70, 0x6e, 0x67, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    );
    await expect(readCsvManifest(join(dir, 'latin1.csv'))).rejects.toThrow(/not UTF-8/);
    writeFileSync(join(dir, 'split.csv'), 'path,label,split\na.png,cat,holdout\n');
    const listing = await readCsvManifest(join(dir, 'split.csv'));
    expect(listing.skipped).toEqual([
      {
        path: `${join(dir, 'split.csv')}:2`,
        reason: 'bad-row',
        detail: 'unknown split "holdout" (expected train, test or val)',
      },
    ]);
  });
});
