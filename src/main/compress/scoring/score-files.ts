/**
 * The files of one score set, in `<project>/scores/<key>/`: per proxy run a 16-bit trajectory
 * (epochs × samples × classes, epoch-major, see select/quantize.ts), the final proxy's
 * probabilities, its weights, and while training an epoch checkpoint; once per set the PCA
 * features. SQLite holds the scores themselves; these are the bulky per-sample data.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../../fsutil/atomic-write';
import type { TrainCheckpoint } from '../../ml/train';
import { decodeUnitU16, encodeUnitU16 } from '../select/quantize';

/** What a finished proxy run leaves besides its trajectory. */
export interface RunSummary {
  seed: number;
  trainSeconds: number;
  imagesPerSecond: number;
  losses: number[];
  /** Training-split accuracy of the final proxy (eval mode). */
  finalTrainAccuracy: number;
  threads: number;
}

export class ScoreFiles {
  constructor(
    readonly dir: string,
    readonly samples: number,
    readonly classes: number,
    readonly epochs: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  trajectoryPath(seed: number): string {
    return this.path(`trajectory-seed${seed}.u16`);
  }

  /** Writes one epoch's probabilities (samples × classes) in place, durably. */
  writeEpoch(seed: number, epoch: number, probs: Float32Array): void {
    const block = this.samples * this.classes;
    if (probs.length !== block)
      throw new Error(`epoch block holds ${probs.length} values, expected ${block}`);
    const file = this.trajectoryPath(seed);
    const fd = openSync(file, existsSync(file) ? 'r+' : 'w');
    try {
      const codes = encodeUnitU16(probs);
      const bytes = new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
      let done = 0;
      while (done < bytes.length)
        done += writeSync(fd, bytes, done, bytes.length - done, epoch * block * 2 + done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The whole decoded trajectory of a finished run (epochs × samples × classes). */
  readTrajectory(seed: number): Float32Array {
    return this.readU16(this.trajectoryPath(seed), this.epochs * this.samples * this.classes);
  }

  writeFinalProbabilities(seed: number, probs: Float32Array): void {
    const codes = encodeUnitU16(probs);
    writeFileAtomic(
      this.path(`final-seed${seed}.u16`),
      new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength),
    );
  }

  readFinalProbabilities(seed: number): Float32Array {
    return this.readU16(this.path(`final-seed${seed}.u16`), this.samples * this.classes);
  }

  private readU16(file: string, values: number): Float32Array {
    const buffer = readFileSync(file);
    if (buffer.byteLength !== values * 2)
      throw new Error(`${file} has ${buffer.byteLength} bytes, expected ${values * 2}`);
    const aligned = new Uint16Array(values);
    new Uint8Array(aligned.buffer).set(buffer);
    return decodeUnitU16(aligned);
  }

  writeCheckpoint(seed: number, checkpoint: TrainCheckpoint): void {
    writeFileAtomic(this.path(`checkpoint-seed${seed}.bin`), serialize(checkpoint));
  }

  readCheckpoint(seed: number): TrainCheckpoint | null {
    const file = this.path(`checkpoint-seed${seed}.bin`);
    if (!existsSync(file)) return null;
    return deserialize(readFileSync(file)) as TrainCheckpoint;
  }

  writeWeights(seed: number, weights: Float32Array[]): void {
    writeFileAtomic(this.path(`proxy-seed${seed}.bin`), serialize(weights));
  }

  readWeights(seed: number): Float32Array[] {
    return deserialize(readFileSync(this.path(`proxy-seed${seed}.bin`))) as Float32Array[];
  }

  /** Marks a run finished (trajectory, final probabilities and weights written); drops its checkpoint. */
  finishRun(summary: RunSummary): void {
    writeFileAtomic(this.path(`run-seed${summary.seed}.json`), Buffer.from(JSON.stringify(summary)));
    rmSync(this.path(`checkpoint-seed${summary.seed}.bin`), { force: true });
  }

  finishedRun(seed: number): RunSummary | null {
    const file = this.path(`run-seed${seed}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunSummary) : null;
  }

  writeFeatures(features: Float32Array): void {
    writeFileAtomic(
      this.path('features.f32'),
      new Uint8Array(features.buffer, features.byteOffset, features.byteLength),
    );
  }

  /** Bytes on disk of the files a finished score set keeps. */
  fileBytes(seeds: readonly number[]): number {
    const names = [
      'features.f32',
      ...seeds.flatMap((s) => [
        `trajectory-seed${s}.u16`,
        `final-seed${s}.u16`,
        `proxy-seed${s}.bin`,
        `run-seed${s}.json`,
      ]),
    ];
    return names.reduce(
      (sum, name) => sum + (existsSync(this.path(name)) ? statSync(this.path(name)).size : 0),
      0,
    );
  }
}

/** The stored PCA features of a score set, row-major rows × dims. */
export function readFeatures(dir: string, rows: number, dims: number): Float32Array {
  const buffer = readFileSync(join(dir, 'features.f32'));
  if (buffer.byteLength !== rows * dims * 4)
    throw new Error(`features.f32 has ${buffer.byteLength} bytes, expected ${rows}×${dims}×4`);
  const out = new Float32Array(rows * dims);
  new Uint8Array(out.buffer).set(buffer);
  return out;
}
