/**
 * Saving and loading a trained classifier as a folder in the TensorFlow.js weights layout:
 * `model.json` (our format tag, the model spec, its input normalisation and a tfjs-style
 * `weightsManifest`) and `weights.bin` (every array of getWeights, concatenated, little-endian
 * float32). The manifest follows tfjs so the weights stay readable by its tooling; the topology
 * is our spec (not a Keras graph) because the models are written with explicit variables.
 */
import { endianness } from 'node:os';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { siblingTempPath, writeFileAtomic } from '../fsutil/atomic-write.ts';
import type { Classifier, ModelSpec } from './models/classifier.ts';
import { createModel } from './models/create-model.ts';

export const MODEL_FORMAT = 'datapress-classifier';
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
const KINDS = ['convnet', 'resnet18'] as const;

const dim = z.number().int().min(1);
const norm = z.enum(['instance', 'batch', 'none']);
const common = {
  inputShape: z.tuple([dim, dim, dim]),
  classes: dim,
  width: dim,
  norm,
  seed: z.number().int(),
};
const specSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('convnet'), ...common, depth: dim }),
  z.object({ kind: z.literal('resnet18'), ...common }),
]);
const entrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
});
// A plain file name: the manifest must not point outside the model folder.
const fileName = z
  .string()
  .regex(/^[^/\\]+$/, 'must be a file name in the model folder')
  .refine((s) => s !== '..');
const modelJsonSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  spec: specSchema,
  inputNorm: z.object({ mean: z.array(z.number()), std: z.array(z.number().positive()) }),
  weightsManifest: z
    .array(z.object({ paths: z.array(fileName).min(1), weights: z.array(entrySchema) }))
    .min(1),
});

type WeightEntry = z.infer<typeof entrySchema>;

/** Names and shapes of getWeights' arrays: trainable variables, then 1-D buffers (norm statistics). */
function weightEntries(model: Classifier, weights: readonly Float32Array[]): WeightEntry[] {
  const named = [
    ...model.kernels.map((v, i) => ({ name: `kernels/${i}`, shape: [...v.shape] })),
    ...model.others.map((v, i) => ({ name: `others/${i}`, shape: [...v.shape] })),
  ];
  const buffers = weights.slice(named.length).map((w, i) => ({ name: `buffers/${i}`, shape: [w.length] }));
  return [...named, ...buffers].map((e) => ({ ...e, dtype: 'float32' as const }));
}

const LITTLE_ENDIAN = endianness() === 'LE';

function encode(weights: readonly Float32Array[]): Uint8Array {
  const total = weights.reduce((n, w) => n + w.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const w of weights) {
    out.set(w, offset);
    offset += w.length;
  }
  const bytes = new Uint8Array(out.buffer);
  return LITTLE_ENDIAN ? bytes : swap32(bytes);
}

/** Byte-swaps every 4-byte word (only on big-endian hosts; the file is always little-endian). */
function swap32(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3] as number;
    out[i + 1] = bytes[i + 2] as number;
    out[i + 2] = bytes[i + 1] as number;
    out[i + 3] = bytes[i] as number;
  }
  return out;
}

function fsyncDir(dir: string): void {
  // Makes the renames durable; Windows cannot open a directory for fsync, so skip there.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported on this platform */
  }
}

/**
 * Writes the model folder atomically: everything goes into a sibling temp folder (files fsynced)
 * that is renamed into place, so readers never see a half-written model. Replacing a saved model
 * takes two renames (old aside, new in; Node has no atomic directory exchange): a crash between
 * them leaves both complete copies beside `dir` under dot-names. An existing folder is replaced
 * only if it is empty or a saved model, so a wrong path cannot wipe unrelated files.
 */
export function saveClassifier(model: Classifier, dir: string): void {
  const weights = model.getWeights();
  const json = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    spec: model.spec,
    inputNorm: model.inputNorm,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: weightEntries(model, weights) }],
  };
  mkdirSync(dirname(dir), { recursive: true });
  if (!replaceable(dir)) throw new Error(`${dir} exists and is not a saved model; refusing to replace it`);
  const temp = siblingTempPath(dir);
  mkdirSync(temp);
  try {
    writeFileAtomic(join(temp, WEIGHTS_BIN), encode(weights));
    writeFileAtomic(join(temp, MODEL_JSON), new TextEncoder().encode(`${JSON.stringify(json, null, 1)}\n`));
    fsyncDir(temp);
    replaceDir(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  fsyncDir(dirname(dir));
}

/** Empty folder or a saved model: safe to replace. A file or an unrelated folder: not. */
function replaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  return existsSync(join(dir, MODEL_JSON)) || readdirSync(dir).length === 0;
}

/** Directories cannot be renamed over non-empty ones: move the old one aside, then swap. */
function replaceDir(temp: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(temp, dir);
    return;
  }
  const old = siblingTempPath(dir, 'old');
  renameSync(dir, old);
  try {
    renameSync(temp, dir);
  } catch (error) {
    renameSync(old, dir);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

function readModelJson(dir: string): z.infer<typeof modelJsonSchema> {
  const path = join(dir, MODEL_JSON);
  if (!existsSync(path)) throw new Error(`no saved model in ${dir}: ${MODEL_JSON} is missing`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  // Say "unknown kind" in words: zod would only report that no union member matched.
  const kind = (raw as { spec?: { kind?: unknown } } | null)?.spec?.kind;
  if (typeof kind === 'string' && !(KINDS as readonly string[]).includes(kind))
    throw new Error(`${path}: unknown model kind "${kind}" (known: ${KINDS.join(', ')})`);
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${path} is not a ${MODEL_FORMAT} model: ${issues.join('; ')}`);
  }
  return parsed.data;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Reads the weights in manifest order, checking every size against the rebuilt model. */
function readWeights(
  dir: string,
  manifest: z.infer<typeof modelJsonSchema>['weightsManifest'],
  model: Classifier,
): Float32Array[] {
  const expected = weightEntries(model, model.getWeights());
  const listed = manifest.flatMap((group) => group.weights);
  const kind = model.spec.kind;
  if (listed.length !== expected.length)
    throw new Error(
      `${MODEL_JSON} lists ${listed.length} weight arrays; this ${kind} has ${expected.length}`,
    );
  listed.forEach((entry, i) => {
    const want = expected[i] as WeightEntry;
    if (!sameShape(entry.shape, want.shape))
      throw new Error(
        `${MODEL_JSON}: weight ${i} (${entry.name}) has shape [${entry.shape.join(', ')}]; this ${kind} needs [${want.shape.join(', ')}]`,
      );
  });
  // tfjs shards one flat byte stream over the paths of each group, in order.
  const chunks = manifest.flatMap((group) =>
    group.paths.map((name) => {
      const path = join(dir, name);
      if (!existsSync(path)) throw new Error(`the model's weights file ${path} is missing`);
      return readFileSync(path);
    }),
  );
  const bytes = new Uint8Array(Buffer.concat(chunks));
  const values = expected.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.length !== values * 4)
    throw new Error(
      `${WEIGHTS_BIN} holds ${bytes.length} bytes but the ${kind} needs ${values * 4} (${values} float32 values): truncated or from another model`,
    );
  const host = LITTLE_ENDIAN ? bytes : swap32(bytes);
  let offset = 0;
  return expected.map((e) => {
    const size = e.shape.reduce((a, b) => a * b, 1);
    // Copy into a fresh, aligned array: a Buffer's offset need not be a multiple of 4.
    const out = new Float32Array(size);
    new Uint8Array(out.buffer).set(host.subarray(offset, offset + size * 4));
    offset += size * 4;
    return out;
  });
}

/** Loads a folder written by saveClassifier: validates it, rebuilds the model, sets its weights. */
export function loadClassifier(dir: string): Classifier {
  const saved = readModelJson(dir);
  const spec: ModelSpec = saved.spec;
  const channels = spec.inputShape[2];
  if (saved.inputNorm.mean.length !== channels || saved.inputNorm.std.length !== channels)
    throw new Error(`${MODEL_JSON}: inputNorm must have ${channels} means and stds (one per channel)`);
  const model = createModel(spec);
  try {
    model.setWeights(readWeights(dir, saved.weightsManifest, model));
    model.inputNorm = { mean: [...saved.inputNorm.mean], std: [...saved.inputNorm.std] };
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}
