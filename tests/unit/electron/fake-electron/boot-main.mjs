/*
 * Boots the built desktop main process (.vite/build/main.js) under plain Node with the fake
 * 'electron' beside this file, drives it as a window would (IPC requests, a real job in the
 * built job-worker.js, quit) and prints one line `REPORT {json}` for main-bundle.test.ts.
 *
 *   DATAPRESS_USER_DATA=<tmp> node tests/unit/electron/fake-electron/boot-main.mjs <main.js>
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);
const { app } = await import('electron');
const fake = globalThis.__fakeElectron;
const report = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await import(pathToFileURL(process.argv[2]).href);
await new Promise((resolve) => (app.isReady() ? resolve() : app.once('ready', resolve)));
await sleep(50);

const window = fake.windows[0];
report.windows = fake.windows.length;
report.url = window.url;
report.webPreferences = window.options.webPreferences;
report.beforeReady = fake.beforeReady;
report.calls = fake.calls.map((call) => call[0]);
report.schemes = fake.calls.find((call) => call[0] === 'registerSchemes');

const page = await fake.handlers.protocol.handler({ url: 'app://datapress/index.html', method: 'GET' });
report.protocol = {
  scheme: fake.handlers.protocol.scheme,
  status: page.status,
  csp: page.headers.get('content-security-policy'),
};

report.permission = await new Promise((resolve) => fake.handlers.permissionRequest({}, 'media', resolve));
report.permissionCheck = fake.handlers.permissionCheck({}, 'clipboard-read');
report.externalRequest = await new Promise((resolve) =>
  fake.handlers.beforeRequest({ url: 'https://example.com/collect' }, resolve),
);
report.ownRequest = await new Promise((resolve) =>
  fake.handlers.beforeRequest({ url: 'app://datapress/assets/index.js' }, resolve),
);
const navigation = {
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
};
window.webContents.emit('will-navigate', navigation, 'https://example.com/');
report.navigationPrevented = navigation.prevented;
report.windowOpen = window.webContents.windowOpenHandler({ url: 'https://example.com/' });

const APP_PAGE = 'app://datapress/index.html';
const ask = (message, frameUrl = APP_PAGE, sender = window.webContents) =>
  fake.ipcMain.emit('datapress:rpc', { sender, senderFrame: { url: frameUrl } }, message);
const replyTo = async (id, waitMs = 30_000) => {
  for (let waited = 0; waited < waitMs; waited += 20) {
    const hit = window.webContents.sent.find((entry) => entry.message.id === id);
    if (hit) return hit.message;
    await sleep(20);
  }
  return null;
};

ask({ kind: 'request', id: 1, method: 'projects.create', params: { project: 'alpha' } });
report.create = await replyTo(1);
ask({ kind: 'request', id: 2, method: 'projects.list', params: {} }, 'https://example.com/');
ask({ kind: 'request', id: 3, method: 'projects.list', params: {} }, APP_PAGE, { send() {} });
report.foreignAnswered = (await replyTo(2, 300)) !== null || (await replyTo(3, 300)) !== null;

const demo = { ipc: 2, epochs: 1, fullEpochs: 1, trainFull: false, limitPerClass: 20 };
ask({ kind: 'request', id: 4, method: 'jobs.startDemo', params: { project: 'alpha', params: demo } });
const started = await replyTo(4);
report.jobStarted = started?.result?.status ?? started;
const jobId = started?.result?.id;
for (let i = 0; jobId && i < 600; i++) {
  ask({ kind: 'request', id: 100 + i, method: 'jobs.get', params: { project: 'alpha', jobId } });
  const job = (await replyTo(100 + i))?.result;
  if (job && !['queued', 'running'].includes(job.status)) {
    report.job = { status: job.status, error: job.error, backend: job.result?.backend?.name };
    break;
  }
  await sleep(200);
}
report.forks = fake.calls
  .filter((call) => call[0] === 'fork')
  .map((call) => ({ path: call[1], options: call[2] }));
report.progress = window.progress;
report.events = window.webContents.sent.filter((entry) => entry.message.kind === 'event').length;

app.quit();
for (let i = 0; i < 100 && !fake.calls.some((call) => call[0] === 'exited'); i++) await sleep(50);
report.quit = fake.calls.filter((call) => ['quit', 'exited'].includes(call[0])).map((call) => call[0]);

console.log(`REPORT ${JSON.stringify(report)}`);
process.exit(0);
