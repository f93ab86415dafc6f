import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReportDto } from '../../src/shared/api/dto';
import { ApiError } from '../../src/shared/rpc/errors';
import { runImportJob } from '../../src/main/datasets/import/import-job';
import type { JobContext } from '../../src/main/jobs/job-context';
import { openProject } from '../../src/main/store/project-store';
import { encodeImage, noiseImage, solidImage, truncated, writeBytes } from '../helpers/image-fixtures';
import { runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Runs the import job in-process on a real project database; `stopAfter` cancels after N chunks' progress. */
async function importWith(projectDir: string, params: Record<string, unknown>, stopAfter = Infinity) {
  const { db, paths } = openProject(projectDir, { create: true });
  let decodeReports = 0;
  const decodeDone: number[] = [];
  const ctx: JobContext = {
    jobId: 0,
    params,
    db,
    paths,
    resourcesDir: '',
    progress: (phase, done) => {
      if (phase === 'decode') {
        decodeReports++;
        decodeDone.push(done);
      }
    },
    shouldStop: () => decodeReports >= stopAfter,
    checkCancelled: () => {
      if (decodeReports >= stopAfter) throw new ApiError('cancelled', 'stopped by the test');
    },
    log: () => {},
  };
  try {
    return {
      report: (await runImportJob({ ...ctx, jobId: null as unknown as number })) as ImportReportDto,
      decodeDone,
    };
  } finally {
    db.close();
  }
}

async function goodAndBadFolder(root: string): Promise<void> {
  const png = await encodeImage(solidImage(12, 10, [200, 10, 10]), 'png');
  const jpeg = await encodeImage(noiseImage(16, 16, 3), 'jpeg');
  writeBytes(join(root, 'cat', 'a.png'), png);
  writeBytes(join(root, 'cat', 'nested', 'deeper', 'b.jpg'), jpeg);
  writeBytes(join(root, 'cat', 'copy-of-a.png'), png); // a duplicate
  writeBytes(join(root, 'dog house', 'c.webp'), await encodeImage(noiseImage(16, 16, 5), 'webp'));
  writeBytes(join(root, 'dog house', 'd.gif'), await encodeImage(solidImage(16, 16, [0, 0, 255]), 'gif'));
  writeBytes(join(root, 'dog house', 'e.tiff'), await encodeImage(noiseImage(16, 16, 9), 'tiff'));
  writeBytes(join(root, 'lonely', 'only.png'), await encodeImage(noiseImage(16, 16, 11), 'png'));
  mkdirSync(join(root, 'empty'), { recursive: true });
  // The bad ones:
  writeBytes(join(root, 'cat', '.DS_Store'), 'junk');
  writeBytes(join(root, 'cat', 'Thumbs.db'), 'junk');
  writeBytes(join(root, 'cat', 'notes.txt'), 'hello');
  writeBytes(join(root, 'cat', 'fake.png'), 'this is text, not a PNG');
  writeBytes(join(root, 'cat', 'zero.png'), '');
  writeBytes(join(root, 'dog house', 'cut.png'), truncated(await encodeImage(noiseImage(32, 32, 2), 'png')));
  writeBytes(join(root, 'dog house', 'cut.jpg'), truncated(await encodeImage(noiseImage(32, 32, 4), 'jpeg')));
  symlinkSync(join(root, 'cat'), join(root, 'cat', 'nested', 'loop'));
  writeFileSync(Buffer.from(join(root, 'cat', 'bad-\xff-name.png'), 'latin1'), png);
}

describe('import job (real files, real SQLite, real decoding)', () => {
  it('imports the good files of a messy folder and reports every bad one by reason', async () => {
    const root = join(tempDir(), 'messy');
    await goodAndBadFolder(root);
    const { report } = await importWith(join(tempDir(), 'p'), {
      path: root,
      size: 8,
      channels: 3,
      testFraction: 0,
    });
    expect(report.format).toBe('folder');
    expect(report.geometry).toMatchObject({ height: 8, width: 8, channels: 3 });
    expect(report.perClass.map((c) => [c.name, c.train + c.test])).toEqual([
      ['cat', 3],
      ['dog house', 3],
      ['lonely', 1],
    ]);
    expect(report.skipped.byReason).toMatchObject({
      hidden: 2,
      'not-an-image': 2,
      'zero-bytes': 1,
      'truncated-or-corrupt': 2,
      'symlink-loop': 1,
      'invalid-utf8-name': 1,
      'empty-class': 1,
    });
    expect(report.duplicates).toMatchObject({ groups: 1, extraCopies: 1, policy: 'keep' });
    expect(report.warnings).toContain('class "lonely" has a single image (kept in train)');
  });

  it('drops duplicates when asked, and holds out a seeded stratified test split', async () => {
    const root = join(tempDir(), 'messy');
    await goodAndBadFolder(root);
    const { report } = await importWith(join(tempDir(), 'p'), {
      path: root,
      size: 8,
      duplicates: 'drop',
      testFraction: 0.5,
      seed: 3,
    });
    expect(report.skipped.byReason.duplicate).toBe(1);
    expect(report.splitSource).toBe('hold-out');
    // cat has 3 listed images (the copy is listed, then dropped): round(3 × 0.5) = 2 go to test.
    const cat = report.perClass.find((c) => c.name === 'cat');
    const lonely = report.perClass.find((c) => c.name === 'lonely');
    expect((cat?.train ?? 0) + (cat?.test ?? 0)).toBe(2);
    expect(lonely).toMatchObject({ train: 1, test: 0 });
  });

  it('resumes an interrupted import without decoding again, giving the same cache as an uninterrupted one', async () => {
    const root = join(tempDir(), 'many');
    for (let i = 0; i < 300; i++)
      writeBytes(
        join(root, `class${i % 3}`, `img${i}.png`),
        await encodeImage(noiseImage(8, 8, i + 1), 'png'),
      );
    const project = join(tempDir(), 'p');
    await expect(importWith(project, { path: root, testFraction: 0.2 }, 1)).rejects.toMatchObject({
      code: 'cancelled',
    });
    const again = await importWith(project, { path: root, testFraction: 0.2 });
    expect(again.report.resumed).toBe(true);
    // The first chunk (128 entries) was recorded before the stop: decoding restarts after it.
    expect(again.decodeDone[0]).toBe(256);
    expect(again.report.imported.train + again.report.imported.test).toBe(300);

    const other = join(tempDir(), 'q');
    await importWith(other, { path: root, testFraction: 0.2 });
    const cacheOf = (dir: string) => {
      const { db, paths } = openProject(dir);
      const row = db.prepare("SELECT cache_file AS f FROM datasets WHERE status = 'ready'").get() as {
        f: string;
      };
      const splits = db.prepare('SELECT split, source_path FROM samples ORDER BY cache_index').all();
      db.close();
      return { pixels: readFileSync(join(paths.cacheDir, row.f)), splits };
    };
    const a = cacheOf(project);
    const b = cacheOf(other);
    expect(a.pixels.length).toBe(300 * 8 * 8 * 3);
    expect(a.pixels.equals(b.pixels)).toBe(true);
    expect(a.splits).toEqual(b.splits);
    // A second run of a finished import reuses it.
    expect((await importWith(project, { path: root, testFraction: 0.2 })).report.reused).toBe(true);
  });

  it('fails clearly when nothing is usable, leaving no dataset behind', async () => {
    const root = join(tempDir(), 'bad');
    writeBytes(join(root, 'a', 'x.png'), 'not an image');
    writeBytes(join(root, 'b', 'y.jpg'), '');
    const project = join(tempDir(), 'p');
    await expect(importWith(project, { path: root, size: 8 })).rejects.toThrow(
      /no readable image|no usable images/,
    );
    const { db } = openProject(project);
    expect(db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 });
    db.close();
  });

  it('imports through the CLI with a JSON report, and names a path that is not a dataset', async () => {
    const root = join(tempDir(), 'messy');
    await goodAndBadFolder(root);
    const project = join(tempDir(), 'p');
    const run = runCli(['import', root, '--project', project, '--size', '8', '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      format: 'folder',
      imported: { train: expect.any(Number) },
      skipped: { total: 10 },
    });
    const missing = runCli(['import', join(root, 'nope'), '--project', project]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope does not exist/);
    expect(runCli(['import', root, '--size', 'big', '--project', project]).code).toBe(2);
  });
});
