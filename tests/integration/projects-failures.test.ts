import * as fs from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as rewrite from '../../src/main/store/project-paths-rewrite';
import { connect } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * A rename or delete that fails after the project was closed must leave it whole and usable:
 * the folder rename itself fails (a file held open on Windows, a permission), or reopening
 * and rewriting the moved project fails.
 */

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, renameSync: vi.fn(real.renameSync) };
});
vi.mock('../../src/main/store/project-paths-rewrite', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/store/project-paths-rewrite')>();
  return { ...real, rewriteProjectPaths: vi.fn(real.rewriteProjectPaths) };
});

const tempDir = useTempDirs();
const busy = () => {
  throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
};

afterEach(() => vi.clearAllMocks());

describe('failed renames and deletes', () => {
  it('a folder rename that fails leaves the project under its old name, open and listed', async () => {
    const workspace = tempDir();
    const { backend, api } = connect(workspace);
    await api.call('projects.create', { project: 'a' });
    vi.mocked(fs.renameSync).mockImplementationOnce(busy);
    await expect(api.call('projects.rename', { project: 'a', to: 'b' })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(/cannot rename .* EBUSY/),
    });
    expect(existsSync(join(workspace, 'b'))).toBe(false);
    expect((await api.call('projects.list', {})).map((p) => [p.name, p.problem])).toEqual([['a', undefined]]);
    expect(await api.call('jobs.list', { project: 'a' })).toEqual([]);
    await backend.close();
  });

  it('a rewrite that fails after the move puts the folder back', async () => {
    const workspace = tempDir();
    const { backend, api } = connect(workspace);
    await api.call('projects.create', { project: 'a' });
    await api.call('projects.open', { project: 'a' });
    vi.mocked(rewrite.rewriteProjectPaths).mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    await expect(api.call('projects.rename', { project: 'a', to: 'b' })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(/disk I\/O error/),
    });
    expect(existsSync(join(workspace, 'b'))).toBe(false);
    const [listed] = await api.call('projects.list', {});
    expect(listed).toMatchObject({ name: 'a', path: join(workspace, 'a') });
    expect(listed?.lastOpenedAt).not.toBeNull(); // the recent entry did not move either
    // The project works and can still be renamed for real.
    expect((await api.call('projects.rename', { project: 'a', to: 'b' })).name).toBe('b');
    await backend.close();
  });

  it('a delete whose folder cannot be moved away leaves the project whole', async () => {
    const workspace = tempDir();
    const { backend, api } = connect(workspace);
    await api.call('projects.create', { project: 'a' });
    vi.mocked(fs.renameSync).mockImplementationOnce(busy);
    await expect(api.call('projects.delete', { project: 'a', confirm: 'a' })).rejects.toMatchObject({
      code: 'io_error',
    });
    expect(readdirSync(workspace)).toEqual(['a']);
    expect(await api.call('datasets.list', { project: 'a' })).toEqual([]);
    expect(await api.call('projects.delete', { project: 'a', confirm: 'a' })).toEqual({ deleted: 'a' });
    expect(readdirSync(workspace)).toEqual([]);
    await backend.close();
  });
});
