/**
 * The desktop app's security settings as plain data, kept apart from `electron` so unit tests can
 * read and check them (tests/unit/electron/security-policy.test.ts fails if anything is relaxed).
 */

/** The privileged scheme the built renderer is served from: a real origin, unlike file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'datapress';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The IPC channel the preload bridge and the main-side transport share. */
export const RPC_CHANNEL = 'datapress:rpc';

/** The name of the one object the preload exposes on `window`. */
export const BRIDGE_NAME = 'datapress';

/**
 * webPreferences for every window (main.ts adds the preload path). Frozen: the window module
 * spreads it, never edits it.
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
});

const PRODUCTION_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The production policy: no inline script or style, nothing from anywhere but the app itself. */
export const CONTENT_SECURITY_POLICY = PRODUCTION_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join(
  '; ',
);

/**
 * The policy for `electron-forge start`, where the renderer comes from Vite's dev server: Vite
 * injects component CSS as <style> elements and keeps a WebSocket open for hot reload, so dev
 * (and only dev) allows inline styles and a WebSocket to the dev server's own host.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const url = new URL(devServerUrl);
  const ws = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return PRODUCTION_DIRECTIVES.map(([name, value]) => {
    if (name === 'style-src') return `${name} ${value} 'unsafe-inline'`;
    if (name === 'connect-src') return `${name} ${value} ${ws}`;
    return `${name} ${value}`;
  }).join('; ');
}

/**
 * `scheme://host[:port]` of a URL, computed by hand: WHATWG `URL.origin` is "null" for custom
 * schemes such as app://, which would make every app:// page look alike to a naive check.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** True when `url` belongs to one of the allowed origins (exact scheme, host and port). */
export function isAllowedOrigin(url: string | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/**
 * Whether the app's session may load a URL at all. The app is offline: its own pages and the
 * data they create locally, DevTools, and nothing else (in dev, also the Vite dev server and its
 * hot-reload socket, passed in as allowed origins).
 */
export function isPermittedRequest(url: string, allowedOrigins: readonly string[]): boolean {
  const scheme = url.slice(0, Math.max(0, url.indexOf(':') + 1)).toLowerCase();
  if (scheme === 'data:' || scheme === 'devtools:') return true;
  if (scheme === 'blob:') return isAllowedOrigin(url.slice('blob:'.length), allowedOrigins);
  return isAllowedOrigin(url, allowedOrigins);
}
