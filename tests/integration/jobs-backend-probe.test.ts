import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';
import { connect } from '../helpers/api-session';

/*
 * app.backend is answered by a job process, never by loading TensorFlow.js's backends in the
 * process that serves the API (the Electron main process in the desktop app).
 */

const inProcess = vi.hoisted(() => ({ loaded: 0 }));
vi.mock('../../src/main/ml/backend', () => {
  inProcess.loaded++;
  return {
    initTensorBackend: () => Promise.reject(new Error('the tensor backend was loaded in the API process')),
  };
});

const tempDir = useTempDirs();

describe('app.backend', () => {
  it('names the backend a job process chose, asks once, and never loads it here', async () => {
    const { backend, api } = connect(tempDir());
    const [first, second] = await Promise.all([api.call('app.backend', {}), api.call('app.backend', {})]);
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(first.name);
    expect(first.reason.length).toBeGreaterThan(0);
    expect(first.tried.map((t) => t.name)).toContain(first.name);
    expect(second).toEqual(first);
    expect(await api.call('app.backend', {})).toEqual(first);
    expect(inProcess.loaded).toBe(0);
    await backend.close();
  });
});
