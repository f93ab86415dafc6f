/**
 * Chooses the TensorFlow.js backend at run time, best first: tfjs-node-gpu (CUDA), tfjs-node
 * (native CPU), wasm with SIMD plus our training kernels, then the pure-JS cpu backend. The
 * choice and the reason for it are returned so the UI can show them and runs can record them.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../../shared/api/dto.ts';
import { loadWasmBackend } from './wasm-backend.ts';

export type BackendName = BackendInfo['name'];
export type BackendPreference = 'auto' | BackendName;
export interface InitBackendOptions {
  /** 'auto' (default) tries all, best first; a name starts the chain at that backend. */
  prefer?: BackendPreference;
}

const ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const PREFERENCES: readonly BackendPreference[] = ['auto', ...ORDER];
/** Env override for operators and CI, e.g. DATAPRESS_BACKEND=cpu. */
export const BACKEND_ENV_VAR = 'DATAPRESS_BACKEND';

type Attempt = { ok: true; detail: string } | { ok: false; error: string };

/** One promise per request (preference and where it came from): a repeat call reuses it. */
const initialised = new Map<string, Promise<BackendInfo>>();
let current: BackendInfo | null = null;

export function isBackendPreference(value: unknown): value is BackendPreference {
  return typeof value === 'string' && (PREFERENCES as readonly string[]).includes(value);
}

/**
 * Resolve which preference applies: an explicit non-auto option wins (the caller asked for it),
 * then DATAPRESS_BACKEND, then auto. An unknown env value is reported, not silently ignored.
 */
function resolvePreference(options?: InitBackendOptions): { prefer: BackendPreference; why: string } {
  if (options?.prefer && options.prefer !== 'auto') {
    return { prefer: options.prefer, why: `requested ${options.prefer}` };
  }
  const fromEnv = process.env[BACKEND_ENV_VAR]?.trim();
  if (fromEnv) {
    if (isBackendPreference(fromEnv)) return { prefer: fromEnv, why: `${BACKEND_ENV_VAR}=${fromEnv}` };
    return { prefer: 'auto', why: `ignored unknown ${BACKEND_ENV_VAR}=${fromEnv}` };
  }
  return { prefer: 'auto', why: '' };
}

export function initTensorBackend(options?: InitBackendOptions): Promise<BackendInfo> {
  const { prefer, why } = resolvePreference(options);
  const key = `${prefer}|${why}`;
  let pending = initialised.get(key);
  if (!pending) {
    pending = selectBackend(prefer, why).then((info) => {
      current = info;
      return info;
    });
    // A failed selection must not poison later calls.
    pending.catch(() => initialised.delete(key));
    initialised.set(key, pending);
  } else {
    // Same request as before: make sure tfjs is on that backend again (tests may have switched).
    pending = pending.then(async (info) => {
      const tfName = tfBackendName(info.name);
      if (tf.getBackend() !== tfName) await tf.setBackend(tfName);
      current = info;
      return info;
    });
  }
  return pending;
}

/** The backend chosen by the last initTensorBackend call, or null before any. */
export function currentBackendInfo(): BackendInfo | null {
  return current;
}

/** tfjs registers both native packages under the one name 'tensorflow'. */
export function tfBackendName(name: BackendName): string {
  return name === 'tensorflow-gpu' ? 'tensorflow' : name;
}

async function selectBackend(prefer: BackendPreference, why: string): Promise<BackendInfo> {
  const start = prefer === 'auto' ? 0 : ORDER.indexOf(prefer);
  const tried: BackendInfo['tried'] = [];
  const notes: string[] = why ? [why] : [];
  for (const name of ORDER.slice(start)) {
    const attempt = await tryBackend(name);
    if (attempt.ok) {
      tried.push({ name, ok: true });
      notes.push(attempt.detail);
      return { name, reason: notes.join('; '), tried };
    }
    tried.push({ name, ok: false, error: attempt.error });
    notes.push(attempt.error);
  }
  throw new Error(`no TensorFlow.js backend could be initialised (${notes.join('; ')})`);
}

async function tryBackend(name: BackendName): Promise<Attempt> {
  try {
    switch (name) {
      case 'tensorflow-gpu':
        return await tryNative('@tensorflow/tfjs-node-gpu', 'tfjs-node-gpu (CUDA)');
      case 'tensorflow':
        return await tryNative('@tensorflow/tfjs-node', 'tfjs-node (native CPU)');
      case 'wasm': {
        const { simd } = await loadWasmBackend();
        return { ok: true, detail: simd ? 'wasm with SIMD' : 'wasm without SIMD (slower)' };
      }
      case 'cpu':
        if (!(await tf.setBackend('cpu'))) return { ok: false, error: 'cpu backend failed to start' };
        return { ok: true, detail: 'pure JavaScript cpu backend (slowest)' };
    }
  } catch (error) {
    return { ok: false, error: `${name} failed: ${describeError(error)}` };
  }
}

/**
 * The native packages register the 'tensorflow' backend on the shared tfjs core when imported.
 * The specifier is a variable so that bundlers and tsc do not require the optional package.
 */
async function tryNative(specifier: string, label: string): Promise<Attempt> {
  try {
    await import(/* @vite-ignore */ specifier);
  } catch (error) {
    return {
      ok: false,
      error: isModuleNotFound(error) ? `${label.split(' ')[0]} not installed` : describeError(error),
    };
  }
  // setBackend throws if the import registered nothing; the caller turns that into an error entry.
  if (!(await tf.setBackend('tensorflow'))) return { ok: false, error: `${label} failed to start` };
  return { ok: true, detail: label };
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Native load errors can be very long (full dlopen paths); the first line says enough.
  return message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}
