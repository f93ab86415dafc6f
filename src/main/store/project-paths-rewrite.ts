import { sep } from 'node:path';
import type { Db } from './database';

/**
 * Almost every file a project keeps is stored relative to its folder (pixel caches by file name
 * under `cache/`, score folders under `scores/`, models, checkpoints and DM work folders rebuilt
 * from the folder at read time). A few values are absolute: benchmark report folders
 * (`<project>/reports/bench-<id>`), export rows (the demo exports into `<project>/exports/`),
 * and job parameters and results that name those folders. Import sources are absolute too and
 * only point into the project if the user imported from inside it. These are the columns a
 * rename rewrites; every other column holds no paths.
 */
const PATH_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['benchmarks', 'report_dir'],
  ['exports', 'dir'],
  ['datasets', 'source_path'],
  ['samples', 'source_path'],
  ['import_skipped', 'path'],
];

/** JSON columns whose string values may be paths (job params/results, import parameters and report). */
const JSON_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['jobs', 'params'],
  ['jobs', 'result'],
  ['datasets', 'import_params'],
  ['import_reports', 'report'],
  ['benchmarks', 'info'],
];

export interface PathMove {
  from: string;
  to: string;
}

/** `value` with a leading `from` folder replaced by `to`; unchanged when it is not under `from`. */
export function movePath(value: string, move: PathMove): string {
  if (value === move.from) return move.to;
  if (value.startsWith(move.from + sep)) return move.to + value.slice(move.from.length);
  return value;
}

/** Every string inside a parsed JSON value, moved; `changed` says whether any was. */
function moveInJson(value: unknown, moves: readonly PathMove[]): { value: unknown; changed: boolean } {
  if (typeof value === 'string') {
    const moved = moves.reduce((v, m) => movePath(v, m), value);
    return { value: moved, changed: moved !== value };
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => moveInJson(v, moves));
    return { value: parts.map((p) => p.value), changed: parts.some((p) => p.changed) };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const part = moveInJson(v, moves);
      out[k] = part.value;
      changed ||= part.changed;
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

/**
 * Rewrites the absolute paths stored under a project's old folder to its new folder, in one
 * transaction (all or nothing), and records the new name. `moves` lists each spelling the old
 * folder may have been stored under (as given, resolved, real path). Returns the rows changed.
 */
export function rewriteProjectPaths(db: Db, name: string, moves: readonly PathMove[]): number {
  let changed = 0;
  db.transaction(() => {
    db.prepare('UPDATE project SET name = ? WHERE id = 1').run(name);
    for (const move of moves) {
      // substr/length on both sides: SQLite counts characters the same way for column and parameter.
      const params = { from: move.from, under: move.from + sep, to: move.to };
      for (const [table, column] of PATH_COLUMNS) {
        changed += db
          .prepare(
            `UPDATE ${table} SET ${column} = @to || substr(${column}, length(@from) + 1)
             WHERE ${column} = @from OR substr(${column}, 1, length(@under)) = @under`,
          )
          .run(params).changes;
      }
    }
    // The folder as it appears inside JSON text (backslashes and quotes escaped), to skip rows cheaply.
    const needles = moves.map((m) => JSON.stringify(m.from).slice(1, -1));
    for (const [table, column] of JSON_COLUMNS) {
      const mentions = needles.map(() => `instr(${column}, ?) > 0`).join(' OR ');
      const rows = db
        .prepare(`SELECT rowid AS id, ${column} AS text FROM ${table} WHERE ${mentions}`)
        .all(...needles) as { id: number; text: string }[];
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
      for (const row of rows) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(row.text);
        } catch {
          continue; // not JSON: nothing the app reads back as a path
        }
        const moved = moveInJson(parsed, moves);
        if (!moved.changed) continue;
        update.run(JSON.stringify(moved.value), row.id);
        changed++;
      }
    }
  })();
  return changed;
}
