/*
 * The scenarios desktop-driver.mjs plays against the built main process, by name. Each gets
 * the driver's helpers and returns what its test checks. `waitForReady: false` starts before the
 * app is ready; `scriptJobs: true` makes every job a ScriptedJob (electron.mjs) moved by hand.
 */
import { jobScenarios } from './desktop-job-scenarios.mjs';
import { windowScenarios } from './desktop-window-scenarios.mjs';

export const scenarios = { ...windowScenarios, ...jobScenarios };
