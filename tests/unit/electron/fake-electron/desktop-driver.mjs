/*
 * Boots the built desktop main process under plain Node with the fake 'electron' beside this
 * file, plays one scenario of desktop-scenarios.mjs against it (as the user, the OS or a second
 * instance would) and prints one line `REPORT {json}` for the desktop-*.test.ts files.
 *
 *   DATAPRESS_USER_DATA=<dir> [FAKE_ELECTRON_…] node desktop-driver.mjs <main.js> <scenario>
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { scenarios } from './desktop-scenarios.mjs';

register('./hooks.mjs', import.meta.url);
const { app } = await import('electron');
const fake = globalThis.__fakeElectron;
const scenario = scenarios[process.argv[3]];
if (!scenario) throw new Error(`no scenario ${process.argv[3]}`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const APP_PAGE = 'app://datapress/index.html';
let nextId = 1;

/** One API request from the newest window's page, as its preload would send it; resolves with the reply. */
async function call(method, params) {
  const window = fake.windows.at(-1);
  const id = nextId++;
  const sender = window.webContents;
  fake.ipcMain.emit(
    'datapress:rpc',
    { sender, senderFrame: { url: APP_PAGE, parent: null } },
    { kind: 'request', id, method, params },
  );
  for (let waited = 0; waited < 30_000; waited += 20) {
    const hit = sender.sent.find((entry) => entry.message.id === id);
    if (hit) return hit.message;
    await sleep(20);
  }
  return null;
}

/** Names of the calls made since `from` (an index into the fake's call log). */
const callsSince = (from = 0) => fake.calls.slice(from).map((entry) => entry[0]);

/** Quits as the OS would and waits for the app to exit (or not); returns the quit/exited calls. */
async function quitAndWait(ms) {
  app.quit();
  for (let i = 0; i < ms / 50 && !callsSince().includes('exited'); i++) await sleep(50);
  return callsSince().filter((name) => name === 'quit' || name === 'exited');
}

/** An event whose default a listener may prevent, as Electron passes to `close` and `before-quit`. */
const preventable = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

if (scenario.scriptJobs) fake.scriptJobs = true;
await import(pathToFileURL(process.argv[2]).href);
if (scenario.waitForReady !== false) {
  await new Promise((resolve) => (app.isReady() ? resolve() : app.once('ready', resolve)));
  await sleep(50);
}

const report = await scenario.run({ app, fake, sleep, call, callsSince, quitAndWait, preventable });
console.log(`REPORT ${JSON.stringify(report)}`);
process.exit(0);
