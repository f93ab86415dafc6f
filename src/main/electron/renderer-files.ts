import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { contentTypeFor } from '../server/content-types';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security-policy';

/*
 * Serving the built renderer on app://datapress/ (see app-protocol.ts). The parts here are
 * plain Node so the path checks can be unit-tested: a request must never reach a file outside
 * the renderer's folder.
 */

export function mimeTypeOf(file: string): string {
  return contentTypeFor(file);
}

/** The file an app:// URL names inside `rootDir`, or null for anything outside it or malformed. */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = normalize(rootDir);
  const file = normalize(join(root, ...pathname.split('/').filter(Boolean)));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

/** Headers every app:// response carries. */
export function responseHeaders(file: string, csp: string = CONTENT_SECURITY_POLICY): Record<string, string> {
  return {
    'Content-Type': mimeTypeOf(file),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/** Answers one app:// request from `rootDir`: 404 for anything missing or out of bounds. */
export async function serveRendererRequest(
  rootDir: string,
  requestUrl: string,
  method = 'GET',
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response('method not allowed', { status: 405 });
  const file = resolveRendererFile(rootDir, requestUrl);
  if (!file) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: responseHeaders(file),
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
