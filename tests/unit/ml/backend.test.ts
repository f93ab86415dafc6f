import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_ENV_VAR, currentBackendInfo, initTensorBackend } from '../../../src/main/ml/backend.ts';
import { wasmBinaryFolder } from '../../../src/main/ml/wasm-backend.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('initTensorBackend', () => {
  afterEach(() => {
    delete process.env[BACKEND_ENV_VAR];
  });

  it('picks the best available backend and says why', async () => {
    const info = await initTensorBackend();
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(info.name);
    expect(info.tried.at(-1)).toEqual({ name: info.name, ok: true });
    // Every better backend that failed is named in the reason with its error.
    for (const t of info.tried.filter((x) => !x.ok)) expect(info.reason).toContain(t.error);
    if (info.name === 'wasm') expect(info.reason).toMatch(/wasm with(out)? SIMD/);
    expect(currentBackendInfo()).toEqual(info);
  });

  it('is idempotent', async () => {
    const a = await initTensorBackend({ prefer: 'wasm' });
    const b = await initTensorBackend({ prefer: 'wasm' });
    expect(b).toEqual(a);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('honours an explicit preference and the env override', async () => {
    const cpu = await initTensorBackend({ prefer: 'cpu' });
    expect(cpu.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    process.env[BACKEND_ENV_VAR] = 'wasm';
    const forced = await initTensorBackend();
    expect(forced.name).toBe('wasm');
    expect(forced.reason).toContain(`${BACKEND_ENV_VAR}=wasm`);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('reports an unknown env value instead of failing', async () => {
    process.env[BACKEND_ENV_VAR] = 'quantum';
    const info = await initTensorBackend();
    expect(info.reason).toContain('ignored unknown');
  });

  it('finds the wasm binaries independently of the working directory', () => {
    const folder = wasmBinaryFolder();
    expect(existsSync(join(folder, 'tfjs-backend-wasm-simd.wasm'))).toBe(true);
    expect(existsSync(join(folder, 'tfjs-backend-wasm.wasm'))).toBe(true);
  });
});
