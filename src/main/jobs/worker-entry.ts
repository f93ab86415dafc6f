/**
 * The app's job process entry (built as job-worker.js for the desktop app, run through tsx by
 * the Node launcher): the worker loop with the real job kinds and nothing else.
 */
import { JOB_KINDS } from './kinds/registry';
import { runWorker } from './worker-main';

runWorker(JOB_KINDS);
