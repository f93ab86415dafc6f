import type { Session, WebContents } from 'electron';
import { isAllowedOrigin, isPermittedRequest } from './security-policy';

export interface SessionPolicy {
  /** Origins the app's pages come from (app://datapress, or the dev server in dev). */
  pageOrigins: readonly string[];
  /** Every origin a request may go to: the page origins plus, in dev, the hot-reload socket. */
  requestOrigins: readonly string[];
  /** The Content-Security-Policy header for the app's pages. */
  csp: string;
}

/**
 * Locks down one session: no permission is ever granted, no request leaves the app's own
 * origins (the app works offline and sends nothing anywhere), and the app's pages always carry
 * the CSP header, whatever served them.
 */
export function hardenSession(session: Session, policy: SessionPolicy, log: (message: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[security] denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const permitted = isPermittedRequest(details.url, policy.requestOrigins);
    if (!permitted) log(`[security] blocked a request to ${details.url}`);
    callback({ cancel: !permitted });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAllowedOrigin(details.url, policy.pageOrigins)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy.csp];
    callback({ responseHeaders: headers });
  });

  session.on('will-download', (event) => {
    event.preventDefault();
  });
}

/** Applied to every webContents the app creates: no navigation, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, log: (message: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    log(`[security] denied navigation to ${url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`[security] denied a new window for ${url}`);
    return { action: 'deny' };
  });
}
