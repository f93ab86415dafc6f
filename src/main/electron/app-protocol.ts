import { protocol, type Session } from 'electron';
import { serveRendererRequest } from './renderer-files';
import { APP_SCHEME } from './security-policy';

/**
 * Must run before app `ready`. A standard, secure scheme gives the built renderer a real origin
 * (app://datapress), so 'self' in the CSP and the IPC origin check mean the app and nothing else,
 * and file:// needs no extra privileges (the GrantFileProtocolExtraPrivileges fuse is off).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Serves the files of the built renderer (rootDir) on app://datapress/ in one session. */
export function serveRenderer(session: Session, rootDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) =>
    serveRendererRequest(rootDir, request.url, request.method),
  );
}
