import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showPath, type PathShower } from '../../../src/main/api/show-path';
import { ApiError } from '../../../src/shared/rpc/errors';

describe('showPath: what the page may ask the desktop shell to show or open', () => {
  let root: string;
  let workspace: string;
  let calls: string[];
  let shower: PathShower;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'show-path-'));
    workspace = join(root, 'ws');
    mkdirSync(join(workspace, 'p', 'reports', 'bench-1'), { recursive: true });
    writeFileSync(join(workspace, 'p', 'reports', 'bench-1', 'report.html'), '<p>r</p>');
    writeFileSync(join(workspace, 'p', 'reports', 'bench-1', 'results.csv'), 'a');
    writeFileSync(join(root, 'outside.html'), '<p>x</p>');
    calls = [];
    shower = {
      showInFolder: (path) => void calls.push(`show ${path}`),
      openFile: async (path) => void calls.push(`open ${path}`),
    };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const code = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'none';
    } catch (error) {
      return error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
    }
  };

  it('shows any existing path in the file manager', async () => {
    await expect(showPath(shower, workspace, join(root, 'outside.html'), 'folder')).resolves.toEqual({
      shown: join(root, 'outside.html'),
    });
    expect(calls).toEqual([`show ${join(root, 'outside.html')}`]);
  });

  it('opens only HTML reports inside the workspace, through symlinks', async () => {
    const report = join(workspace, 'p', 'reports', 'bench-1', 'report.html');
    await showPath(shower, workspace, report, 'open');
    expect(calls).toEqual([`open ${report}`]);
    expect(await code(showPath(shower, workspace, join(root, 'outside.html'), 'open'))).toMatch(
      /^bad_request: only reports inside the workspace/,
    );
    expect(
      await code(
        showPath(shower, workspace, join(workspace, 'p', 'reports', 'bench-1', 'results.csv'), 'open'),
      ),
    ).toMatch(/^bad_request: only an HTML report can be opened/);
    symlinkSync(join(root, 'outside.html'), join(workspace, 'p', 'link.html'));
    expect(await code(showPath(shower, workspace, join(workspace, 'p', 'link.html'), 'open'))).toMatch(
      /^bad_request: only reports inside the workspace/,
    );
    expect(calls).toHaveLength(1);
  });

  it('names a missing path, and refuses without a desktop shell', async () => {
    expect(await code(showPath(shower, workspace, join(root, 'gone'), 'folder'))).toBe(
      `not_found: ${join(root, 'gone')} does not exist (was it moved or deleted?)`,
    );
    expect(await code(showPath(undefined, workspace, root, 'folder'))).toMatch(/^unsupported: /);
    expect(calls).toEqual([]);
  });
});
