/*
 * Job scenarios for desktop-driver.mjs, with ScriptedJobs instead of real job processes: the
 * taskbar/dock progress and the quit confirmation (desktop-progress.test.ts, desktop-quit.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO = { ipc: 2, epochs: 1, fullEpochs: 1, trainFull: false, limitPerClass: 20 };

/** One job per project (the runner allows no more): starts one in each; returns their statuses. */
async function startJobs(call, projects) {
  const statuses = [];
  for (const project of projects) {
    await call('projects.create', { project });
    statuses.push((await call('jobs.startDemo', { project, params: DEMO }))?.result?.status);
  }
  return statuses;
}

const statusesOf = async (call, project) =>
  ((await call('jobs.list', { project }))?.result ?? []).map((job) => job.status);
const messageBoxes = (fake) => fake.calls.filter((c) => c[0] === 'messageBox').map((c) => [c[1], c[2]]);
const quitCalls = (names) => names.filter((name) => ['quit', 'exited'].includes(name));
const cancelSent = (job) => job.posted.some((message) => message.type === 'cancel');

export const jobScenarios = {
  /** Two jobs report progress, one ends, the other overshoots and fails: the bar after each. */
  progress: {
    scriptJobs: true,
    async run({ fake, call }) {
      const window = fake.windows[0];
      const started = await startJobs(call, ['a', 'b']);
      const [a, b] = fake.scriptedJobs;
      const steps = [];
      // Each report names a new phase, so the progress meter's throttle lets it through.
      const step = (name, act) => {
        act();
        steps.push([name, window.progress.at(-1) ?? null]);
      };
      step('a at 0.2', () => a.progress(0.2, 'one'));
      step('b at 0.6', () => b.progress(0.6, 'one'));
      step('a at 0.5', () => a.progress(0.5, 'two'));
      step('a succeeds', () => a.succeed());
      step('b overshoots to 2', () => b.progress(2, 'two'));
      step('b fails', () => b.fail());
      return { started, steps, bar: window.progress };
    },
  },

  /** Quit and close are cancelled while jobs run, then a quit is confirmed. */
  'quit-running': {
    scriptJobs: true,
    async run({ app, fake, call, callsSince, sleep, preventable, quitAndWait }) {
      const window = fake.windows[0];
      const started = await startJobs(call, ['a', 'b']);
      const [a, b] = fake.scriptedJobs;
      a.progress(0.3, 'one');

      fake.messageBoxResponse = 1; // Cancel
      app.quit();
      await sleep(300);
      const quitCancelled = {
        calls: quitCalls(callsSince()),
        boxes: messageBoxes(fake),
        jobs: [...(await statusesOf(call, 'a')), ...(await statusesOf(call, 'b'))],
        cancelsSent: [a, b].filter(cancelSent).length,
      };

      b.succeed();
      const close = preventable();
      window.emit('close', close);
      await sleep(300);
      const closeCancelled = {
        prevented: close.defaultPrevented,
        calls: quitCalls(callsSince()),
        boxes: messageBoxes(fake),
        jobs: await statusesOf(call, 'a'),
      };

      fake.messageBoxResponse = 0; // Quit
      const calls = await quitAndWait(15_000);
      const resumeFile = join(process.env.DATAPRESS_USER_DATA, 'projects', '.datapress-resume.json');
      const confirmed = {
        calls,
        boxes: messageBoxes(fake),
        cancelSentToA: cancelSent(a),
        resume: existsSync(resumeFile) ? JSON.parse(readFileSync(resumeFile, 'utf8')) : null,
      };
      return { started, quitCancelled, closeCancelled, confirmed };
    },
  },

  /** A job ran and finished: closing the window and quitting go through without asking. */
  'quit-idle': {
    scriptJobs: true,
    async run({ fake, call, preventable, quitAndWait }) {
      const window = fake.windows[0];
      const started = await startJobs(call, ['a']);
      fake.scriptedJobs[0].succeed();
      const jobs = await statusesOf(call, 'a');
      const close = preventable();
      window.emit('close', close);
      const calls = await quitAndWait(15_000);
      return { started, jobs, closePrevented: close.defaultPrevented, calls, boxes: messageBoxes(fake) };
    },
  },
};
