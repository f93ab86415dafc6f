import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { devCspMeta, relaxStyleSrcForDev } from '../../../src/main/electron/build/dev-csp-meta';
import forgeRendererConfig from '../../../src/main/electron/build/vite.renderer.forge.config';
import rendererConfig from '../../../vite.renderer.config';

/*
 * `electron-forge start` (Vite's dev server) injects component CSS as <style> elements, which the
 * page's strict CSP meta tag refused; the dev-only plugin relaxes style-src there and nowhere else.
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const html = readFileSync(join(repo, 'src/renderer/index.html'), 'utf8');
const metaOf = (page: string) =>
  /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1] ?? '';

describe('dev-server CSP meta tag', () => {
  it("adds 'unsafe-inline' to style-src only, keeping every other directive as it was", () => {
    const before = metaOf(html)
      .split(';')
      .map((part) => part.trim());
    const after = metaOf(relaxStyleSrcForDev(html)).split('; ');
    expect(after).toEqual(
      before.map((part) => (part.startsWith('style-src') ? `${part} 'unsafe-inline'` : part)),
    );
    expect(after.find((part) => part.startsWith('script-src'))).toBe("script-src 'self'");
  });

  it('is idempotent and leaves a page without the tag alone', () => {
    const once = relaxStyleSrcForDev(html);
    expect(relaxStyleSrcForDev(once)).toBe(once);
    expect(relaxStyleSrcForDev('<html><head></head></html>')).toBe('<html><head></head></html>');
  });

  it('runs in `vite serve` only, so built pages keep the strict tag', () => {
    const plugin = devCspMeta();
    expect(plugin.apply).toBe('serve');
  });

  it("is the only difference between Forge's renderer config and vite.renderer.config.ts", () => {
    const names = (config: UserConfig) =>
      (config.plugins ?? []).flat().map((plugin) => (plugin as Plugin | null)?.name);
    expect(names(forgeRendererConfig)).toEqual([...names(rendererConfig), 'datapress:dev-csp-meta']);
    expect(forgeRendererConfig.build).toEqual(rendererConfig.build);
    expect(forgeRendererConfig.root).toBe(rendererConfig.root);
    expect(forgeRendererConfig.base).toBe(rendererConfig.base);
  });
});
