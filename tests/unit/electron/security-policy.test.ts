import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import forgeConfig, { FUSES } from '../../../forge.config';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAllowedOrigin,
  isPermittedRequest,
  originOf,
  WEB_PREFERENCES,
} from '../../../src/main/electron/security-policy';

/* Fails if anyone relaxes the desktop app's security settings. */

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name as string, values];
    }),
  );
}

describe('window webPreferences', () => {
  it('isolate and sandbox the renderer without Node', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(WEB_PREFERENCES.navigateOnDragDrop).toBe(false);
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
    // Nothing else: no enableBlinkFeatures, no additionalArguments, no partition of its own.
    expect(Object.keys(WEB_PREFERENCES).sort()).toEqual([
      'allowRunningInsecureContent',
      'contextIsolation',
      'experimentalFeatures',
      'navigateOnDragDrop',
      'nodeIntegration',
      'nodeIntegrationInSubFrames',
      'nodeIntegrationInWorker',
      'safeDialogs',
      'sandbox',
      'spellcheck',
      'webSecurity',
      'webviewTag',
    ]);
  });

  it('are not overridden anywhere in the Electron code', () => {
    const dir = join(repo, 'src/main/electron');
    const unsafe =
      /(contextIsolation|sandbox|webSecurity)\s*:\s*false|(nodeIntegration\w*|allowRunningInsecureContent|webviewTag|experimentalFeatures)\s*:\s*true|enableBlinkFeatures|bypassCSP/;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(unsafe);
    }
    expect(readFileSync(join(dir, 'main-window.ts'), 'utf8')).toMatch(
      /webPreferences:\s*\{\s*\.\.\.WEB_PREFERENCES,\s*preload:/,
    );
  });
});

describe('content security policy', () => {
  it('allows nothing but the app itself in production', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*|https?:/);
  });

  it('relaxes only styles and the hot-reload socket in dev', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });
});

describe('the CSP meta tag of the renderer page', () => {
  // Served as a header on app:// too (renderer-files.ts, hardening.ts); the tag also covers the
  // browser build. Both apply, so the stricter wins where they differ.
  const html = readFileSync(join(repo, 'src/renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('is there, first in <head>, before any script or style', () => {
    expect(meta).not.toBe('');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(
      html.search(/<script|<link rel="stylesheet"|<style/),
    );
  });

  it('loads scripts, styles, fonts and images from the app only and connects nowhere else', () => {
    const policy = directives(meta);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    // The browser build's loopback bridge (ws://127.0.0.1:<port>); never a remote host.
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*']);
    expect(meta).not.toMatch(/unsafe-(inline|eval)|https?:|wss?:\/\/(?!127\.0\.0\.1:)|(^|\s)\*(\s|;|$)/);
  });
});

describe('origin checks', () => {
  it('tell app:// pages apart, which URL.origin cannot', () => {
    expect(new URL(`${APP_ORIGIN}/index.html`).origin).toBe('null');
    expect(originOf(`${APP_ORIGIN}/index.html`)).toBe(APP_ORIGIN);
    expect(isAllowedOrigin(`${APP_ORIGIN}/a/b.html?x#y`, [APP_ORIGIN])).toBe(true);
    expect(isAllowedOrigin('app://other/index.html', [APP_ORIGIN])).toBe(false);
    expect(isAllowedOrigin('https://datapress/index.html', [APP_ORIGIN])).toBe(false);
    expect(isAllowedOrigin('http://localhost:5174/', ['http://localhost:5173'])).toBe(false);
    expect(isAllowedOrigin('not a url', [APP_ORIGIN])).toBe(false);
    expect(isAllowedOrigin(null, [APP_ORIGIN])).toBe(false);
  });

  it('keep the app offline', () => {
    expect(isPermittedRequest(`${APP_ORIGIN}/assets/index.js`, [APP_ORIGIN])).toBe(true);
    expect(isPermittedRequest('data:image/png;base64,AAAA', [APP_ORIGIN])).toBe(true);
    expect(isPermittedRequest(`blob:${APP_ORIGIN}/0b7e`, [APP_ORIGIN])).toBe(true);
    expect(isPermittedRequest('blob:https://evil.example/0b7e', [APP_ORIGIN])).toBe(false);
    expect(isPermittedRequest('https://example.com/telemetry', [APP_ORIGIN])).toBe(false);
    expect(isPermittedRequest('file:///etc/passwd', [APP_ORIGIN])).toBe(false);
  });
});

describe('forge.config.ts', () => {
  it('flips the security fuses', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
    // Every fuse this @electron/fuses knows has a value chosen on purpose.
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const fuse of known) expect(typeof FUSES[fuse], FuseV1Options[fuse]).toBe('boolean');
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const fuses = forgeConfig.plugins?.find((plugin) => (plugin as { name?: string }).name === 'fuses') as
      { fusesConfig: unknown } | undefined;
    expect(fuses?.fusesConfig).toEqual(FUSES);
  });
});
