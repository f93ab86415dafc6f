/*
 * Boots a built desktop main process under plain Node with the fake 'electron' of fake-electron/
 * and asks every security hook the app installed what it does with hostile input: permission
 * requests and checks, requests leaving the app, response headers, navigation, new windows,
 * <webview>, downloads, app:// paths outside the renderer. Prints one line `REPORT {json}` for
 * security-bundle.test.ts. No job is run (main-bundle.test.ts does that).
 *
 *   DATAPRESS_USER_DATA=<tmp> node tests/unit/electron/security-probe.mjs <app>/.vite/build/main.js
 */
import { EventEmitter } from 'node:events';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./fake-electron/hooks.mjs', import.meta.url);
const { app } = await import('electron');
const fake = globalThis.__fakeElectron;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await import(pathToFileURL(process.argv[2]).href);
await new Promise((resolve) => (app.isReady() ? resolve() : app.once('ready', resolve)));
await sleep(50);

const report = {};
const window = fake.windows[0];
report.windows = fake.windows.length;
report.url = window?.url;
report.webPreferences = window?.options.webPreferences;
report.beforeReady = fake.beforeReady;
report.schemes = fake.calls.find((call) => call[0] === 'registerSchemes')?.[1];
report.rpcListeners = fake.ipcMain.listenerCount('datapress:rpc');

// app:// serving: the page, then paths that must not leave the renderer folder.
const serve = async (url, method = 'GET') => {
  const response = await fake.handlers.protocol.handler({ url, method });
  const body = method === 'GET' ? await response.text() : '';
  return { status: response.status, csp: response.headers.get('content-security-policy'), body };
};
report.page = await serve('app://datapress/index.html');
report.outside = [];
for (const url of [
  'app://datapress/../../package.json',
  'app://datapress/%2e%2e/%2e%2e/package.json',
  'app://datapress/..%2f..%2fpackage.json',
  'app://other/index.html',
]) {
  report.outside.push({ url, status: (await serve(url)).status });
}
report.post = (await serve('app://datapress/index.html', 'POST')).status;

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midi',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'idle-detection',
  'storage-access',
  'window-management',
  'hid',
  'serial',
  'usb',
];
report.permissionRequests = {};
for (const permission of PERMISSIONS) {
  report.permissionRequests[permission] = await new Promise((resolve) =>
    fake.handlers.permissionRequest(window.webContents, permission, resolve, { requestingUrl: window.url }),
  );
}
report.permissionChecks = Object.fromEntries(
  PERMISSIONS.map((permission) => [
    permission,
    fake.handlers.permissionCheck(window.webContents, permission, 'app://datapress', {}),
  ]),
);
report.devicePermission = fake.handlers.devicePermission?.({ deviceType: 'usb', origin: 'app://datapress' });

report.requests = {};
for (const url of [
  'app://datapress/assets/index.js',
  'data:image/png;base64,AAAA',
  'https://example.com/script.js',
  'http://127.0.0.1:8080/',
  'ws://127.0.0.1:5173/',
  'wss://example.com/socket',
  'file:///etc/passwd',
  'https://fonts.googleapis.com/css2?family=Inter',
]) {
  report.requests[url] = await new Promise((resolve) => fake.handlers.beforeRequest({ url }, resolve));
}

const headers = (url, responseHeaders) =>
  new Promise((resolve) => fake.handlers.headersReceived({ url, responseHeaders }, resolve));
report.headersOwn = await headers('app://datapress/index.html', {
  'content-security-policy': ["default-src * 'unsafe-inline'"],
  'Content-Type': ['text/html'],
});
report.headersForeign = await headers('https://example.com/', { 'Content-Type': ['text/html'] });

const preventable = () => ({
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});
/** What the app's hardening does to one webContents. */
const probeContents = (contents) => {
  const navigation = preventable();
  contents.emit('will-navigate', navigation, 'https://example.com/');
  const sameOrigin = preventable();
  contents.emit('will-navigate', sameOrigin, 'app://datapress/other.html');
  const webview = preventable();
  contents.emit('will-attach-webview', webview, { nodeIntegration: true }, { src: 'https://example.com/' });
  return {
    navigationPrevented: navigation.prevented,
    sameOriginNavigationPrevented: sameOrigin.prevented,
    webviewPrevented: webview.prevented,
    windowOpen: contents.windowOpenHandler?.({ url: 'https://example.com/', disposition: 'new-window' }),
    windowOpenApp: contents.windowOpenHandler?.({
      url: 'app://datapress/index.html',
      disposition: 'new-window',
    }),
  };
};
report.window = probeContents(window.webContents);

// Any other webContents (a frame's, a devtools', one a bug might create) gets the same treatment.
class OtherContents extends EventEmitter {
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}
const other = new OtherContents();
app.emit('web-contents-created', {}, other);
report.otherContents = probeContents(other);

const download = preventable();
fake.handlers['will-download']?.(download, { getURL: () => 'https://example.com/x.exe' });
report.downloadPrevented = download.prevented;

app.quit();
for (let i = 0; i < 100 && !fake.calls.some((call) => call[0] === 'exited'); i++) await sleep(50);
report.quit = fake.calls.filter((call) => ['quit', 'exited'].includes(call[0])).map((call) => call[0]);

console.log(`REPORT ${JSON.stringify(report)}`);
process.exit(0);
