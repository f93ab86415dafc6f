import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';

/** Lives in the workspace itself: its name starts with a dot, so it is never taken for a project. */
export const RECENT_FILE = '.datapress-recent.json';

const fileSchema = z.object({ version: z.literal(1), opened: z.record(z.string(), z.string()) });

/**
 * When each project of a workspace was last opened, in one small JSON file beside the projects
 * (not in each project's database: listing must not depend on opening every project, and an
 * unopenable project still has a last-opened time). The file is a convenience: a missing or
 * corrupt file reads as "never opened", and a failed write is logged, never thrown, so the
 * recent list can never stop a project from being opened, renamed or deleted.
 */
export class RecentProjects {
  readonly file: string;

  constructor(readonly workspace: string) {
    this.file = join(workspace, RECENT_FILE);
  }

  /** Every recorded open, by project name (ISO times). */
  all(): Map<string, string> {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return new Map(); // missing or not JSON: never opened
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) return new Map();
    // One bad entry (hand-edited, say) should not cost the others.
    return new Map(Object.entries(parsed.data.opened).filter(([, at]) => !Number.isNaN(Date.parse(at))));
  }

  lastOpened(name: string): string | null {
    return this.all().get(name) ?? null;
  }

  /** Records that `name` was opened at `at`; returns that time. */
  markOpened(name: string, at: string = new Date().toISOString()): string {
    const entries = this.all();
    entries.set(name, at);
    this.write(entries);
    return at;
  }

  /** A renamed project keeps its last-opened time under its new name. */
  move(from: string, to: string): void {
    const entries = this.all();
    const at = entries.get(from);
    if (at === undefined && !entries.has(to)) return; // nothing to move, nothing stale to drop
    entries.delete(from);
    entries.delete(to); // a stale entry of an earlier project with the new name
    if (at !== undefined) entries.set(to, at);
    this.write(entries);
  }

  /** Forgets a project (deleted, or a new one reusing an old name). Writes only if it was there. */
  forget(name: string): void {
    const entries = this.all();
    if (!entries.delete(name)) return;
    this.write(entries);
  }

  /** Temp file + fsync + rename: a reader sees the old file or the new one, never half of one. */
  private write(entries: Map<string, string>): void {
    const body = JSON.stringify({ version: 1, opened: Object.fromEntries(entries) }, null, 2);
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, body);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      console.warn(`[recent-projects] cannot write ${this.file}: ${(error as Error).message}`);
    }
  }
}
