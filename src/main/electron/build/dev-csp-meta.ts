import type { Plugin } from 'vite';

/*
 * `electron-forge start` serves the renderer from Vite's dev server, which injects every
 * component's CSS as a <style> element. The page's CSP meta tag (src/renderer/index.html) allows
 * style-src 'self' only, and a meta policy applies on top of any header, so in dev every style was
 * refused and the window came up unstyled. This plugin, for the dev server only, adds
 * 'unsafe-inline' to the meta tag's style-src (what devContentSecurityPolicy does for the header);
 * built files keep the strict tag (tests/unit/electron/security-bundle.test.ts checks them).
 */

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/** The page with 'unsafe-inline' added to its CSP meta tag's style-src; unchanged without one. */
export function relaxStyleSrcForDev(html: string): string {
  return html.replace(META, (_match, head: string, policy: string, tail: string) => {
    const relaxed = policy
      .split(';')
      .map((part) => {
        const directive = part.trim();
        if (!directive.startsWith('style-src') || directive.includes("'unsafe-inline'")) return directive;
        return `${directive} 'unsafe-inline'`;
      })
      .filter(Boolean)
      .join('; ');
    return `${head}${relaxed}${tail}`;
  });
}

/** Vite plugin: applies relaxStyleSrcForDev to index.html in `vite serve` only, never in builds. */
export function devCspMeta(): Plugin {
  return {
    name: 'datapress:dev-csp-meta',
    apply: 'serve',
    transformIndexHtml: { order: 'pre', handler: relaxStyleSrcForDev },
  };
}
