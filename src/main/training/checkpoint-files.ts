/**
 * Checkpoints and finished-run markers of training jobs, beside the database. A checkpoint is
 * the v8-serialised TrainCheckpoint, written atomically; a finished run leaves a JSON marker so a
 * resumed job skips it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../fsutil/atomic-write';
import type { TrainCheckpoint } from '../ml/train';

export class CheckpointFiles {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  read(name: string): TrainCheckpoint | null {
    const file = join(this.dir, `${name}.ckpt`);
    return existsSync(file) ? (deserialize(readFileSync(file)) as TrainCheckpoint) : null;
  }

  write(name: string, checkpoint: TrainCheckpoint): void {
    writeFileAtomic(join(this.dir, `${name}.ckpt`), serialize(checkpoint));
  }

  finished<T>(name: string): T | null {
    const file = join(this.dir, `${name}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
  }

  finish(name: string, summary: unknown): void {
    writeFileAtomic(join(this.dir, `${name}.json`), Buffer.from(JSON.stringify(summary)));
    rmSync(join(this.dir, `${name}.ckpt`), { force: true });
  }

  writeValue(name: string, value: unknown): void {
    writeFileAtomic(join(this.dir, name), serialize(value));
  }

  readValue<T>(name: string): T | null {
    const file = join(this.dir, name);
    return existsSync(file) ? (deserialize(readFileSync(file)) as T) : null;
  }
}
