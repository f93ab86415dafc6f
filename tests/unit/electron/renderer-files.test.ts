import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRendererFile, serveRendererRequest } from '../../../src/main/electron/renderer-files';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../../src/main/electron/security-policy';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'datapress-renderer-'));
  root = join(base, 'main_window');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>DataPress</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// file resolution', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveRendererFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/index.html?x=1#y`)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/assets/index.js`)).toBe(join(root, 'assets', 'index.js'));
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      `${APP_ORIGIN}/../secret.txt`,
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`,
      `${APP_ORIGIN}/..%5csecret.txt`,
      `${APP_ORIGIN}/%00index.html`,
      `${APP_ORIGIN}/%E0%A4%A`,
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const file = resolveRendererFile(root, url);
      if (file !== null) expect(file.startsWith(root + '/'), `${url} -> ${file}`).toBe(true);
    }
    // The URL parser already folds a plain or %2e-encoded `..`; an encoded slash is caught here.
    expect(resolveRendererFile(root, `${APP_ORIGIN}/%2e%2e/secret.txt`)).toBe(join(root, 'secret.txt'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`)).toBeNull();
    expect(resolveRendererFile(root, 'app://other/index.html')).toBeNull();
  });

  it('serves files with the CSP header and 404s the rest', async () => {
    const ok = await serveRendererRequest(root, `${APP_ORIGIN}/index.html`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('<title>DataPress</title>');
    expect(
      (await serveRendererRequest(root, `${APP_ORIGIN}/assets/index.js`)).headers.get('content-type'),
    ).toMatch(/^text\/javascript/);
    expect((await serveRendererRequest(root, `${APP_ORIGIN}/missing.js`)).status).toBe(404);
    expect((await serveRendererRequest(root, `${APP_ORIGIN}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await serveRendererRequest(root, `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`)).status).toBe(404);
    expect((await serveRendererRequest(root, `${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
  });
});
