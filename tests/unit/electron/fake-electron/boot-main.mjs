/*
 * Boots the built desktop main process (.vite/build/main.js) under plain Node with the fake
 * 'electron' beside this file, drives it as a window would (IPC requests, a real job in the
 * built job-worker.js, quit) and prints one line `REPORT {json}` for main-bundle.test.ts.
 * BOOT_PHASE=quit-running quits while a job runs instead, and BOOT_PHASE=resume (same user data)
 * is the start after that (jobs-resume-bundle.test.ts).
 *
 *   DATAPRESS_USER_DATA=<tmp> [BOOT_PHASE=…] node tests/unit/electron/fake-electron/boot-main.mjs <main.js>
 */
import { existsSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
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
const resumeFile = join(process.env.DATAPRESS_USER_DATA, 'projects', '.datapress-resume.json');
const quitAndWait = async (ms) => {
  app.quit();
  for (let i = 0; i < ms / 50 && !fake.calls.some((call) => call[0] === 'exited'); i++) await sleep(50);
  return fake.calls.filter((call) => ['quit', 'exited'].includes(call[0])).map((call) => call[0]);
};
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
let nextId = 10_000;
/** One request from the window's page; resolves with the reply. */
const call = (method, params) => {
  const id = nextId++;
  ask({ kind: 'request', id, method, params });
  return replyTo(id);
};
// `parent` is null for the window's top frame, as on Electron's WebFrameMain.
const ask = (message, frameUrl = APP_PAGE, sender = window.webContents, parent = null) =>
  fake.ipcMain.emit('datapress:rpc', { sender, senderFrame: { url: frameUrl, parent } }, message);
const replyTo = async (id, waitMs = 30_000) => {
  for (let waited = 0; waited < waitMs; waited += 20) {
    const hit = window.webContents.sent.find((entry) => entry.message.id === id);
    if (hit) return hit.message;
    await sleep(20);
  }
  return null;
};

if (process.env.BOOT_PHASE === 'quit-running') await quitRunningPhase();
if (process.env.BOOT_PHASE === 'resume') await resumePhase();

ask({ kind: 'request', id: 1, method: 'projects.create', params: { project: 'alpha' } });
report.create = await replyTo(1);
ask({ kind: 'request', id: 2, method: 'projects.list', params: {} }, 'https://example.com/');
ask({ kind: 'request', id: 3, method: 'projects.list', params: {} }, APP_PAGE, { send() {} });
ask({ kind: 'request', id: 5, method: 'projects.list', params: {} }, APP_PAGE, window.webContents, {});
report.foreignAnswered =
  (await replyTo(2, 300)) !== null || (await replyTo(3, 300)) !== null || (await replyTo(5, 300)) !== null;

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

/**
 * BOOT_PHASE=quit-running: quit while a job runs. The app asks first, then stops the job and
 * records it for the next start.
 */
async function quitRunningPhase() {
  // app.backend is answered by a utility process running the built job-worker.js.
  const backend = await call('app.backend', {});
  await call('projects.create', { project: 'alpha' });
  const long = { ipc: 5, width: 64, limitPerClass: 30, epochs: 200, fullEpochs: 20 };
  const running = (await call('jobs.startDemo', { project: 'alpha', params: long }))?.result;
  const progressOf = (id) =>
    window.webContents.sent.some(
      ({ message }) =>
        message.kind === 'event' && message.stream === 'jobs.onProgress' && message.payload.jobId === id,
    );
  for (let i = 0; running && i < 600 && !progressOf(running.id); i++) await sleep(50);
  const quit = await quitAndWait(30_000);
  const out = {
    backend: backend?.result ?? backend,
    forks: fake.calls.filter((c) => c[0] === 'fork').length,
    runningAtQuit: running?.id ?? null,
    quit,
    messageBoxes: fake.calls.filter((c) => c[0] === 'messageBox').map((c) => c[1]),
    resumeFile: existsSync(resumeFile) ? JSON.parse(readFileSync(resumeFile, 'utf8')) : null,
  };
  console.log(`REPORT ${JSON.stringify(out)}`);
  process.exit(0);
}

/**
 * The start after a quit that stopped a job (BOOT_PHASE=resume, same user data): the recorded
 * job is resumed by itself; the test then cancels it and quits with nothing running.
 */
async function resumePhase() {
  const resume = { resumeFileAtStart: existsSync(resumeFile) };
  const list = async () => (await call('jobs.list', { project: 'alpha' }))?.result ?? [];
  resume.jobs = (await list()).map(({ id, kind, status }) => ({ id, kind, status }));
  for (const job of resume.jobs.filter((j) => j.status === 'running')) {
    await call('jobs.cancel', { project: 'alpha', jobId: job.id });
    for (let i = 0; i < 600 && (await list()).some((j) => j.id === job.id && j.status === 'running'); i++)
      await sleep(50);
  }
  resume.quit = await quitAndWait(30_000);
  resume.messageBoxes = fake.calls.filter((c) => c[0] === 'messageBox').length;
  resume.resumeFileAfterQuit = existsSync(resumeFile);
  console.log(`REPORT ${JSON.stringify(resume)}`);
  process.exit(0);
}
