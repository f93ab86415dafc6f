import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';

import { contentTypeFor } from './content-types';

export { contentTypeFor };

/**
 * Maps a request path to a file under `root`, or null when the path is malformed or would
 * leave `root` (`..`, encoded `..`, NUL bytes, backslashes). Only '/' maps to index.html;
 * there is no directory listing and no fallback page.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  const rawPath = requestPath.split('?')[0]?.split('#')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

/** Serves GET/HEAD for files under `root` with the given extra headers; everything else is 404/405. */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendStatus(res, 405, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const file = resolveStaticPath(root, req.url ?? '/');
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    sendStatus(res, 404, headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(info.size),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function sendStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const body = `${status}\n`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
