import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from '../store/database';
import { markInterrupted } from '../store/jobs-repo';
import { markBenchmarksInterrupted } from '../store/bench-repo';
import { rewriteProjectPaths } from '../store/project-paths-rewrite';
import {
  activeJobIds,
  isProjectDir,
  openProject,
  projectInfo,
  type ProjectPaths,
} from '../store/project-store';
import { folderSpellings, ownProjectFolder, pathTaken } from './project-folder';
import { RecentProjects } from './recent-projects';

export interface OpenProject {
  name: string;
  db: Db;
  paths: ProjectPaths;
}

/** What the registry needs from the rest of the backend before it closes a project. */
export interface ProjectGuard {
  /** Why the project cannot be closed now (a job this process runs, a request in progress), or null. */
  busyReason(name: string): string | null;
  /** The project's database was closed: drop whatever still holds it (its job runner). */
  released(name: string): void;
}

const NO_GUARD: ProjectGuard = { busyReason: () => null, released: () => undefined };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The workspace: a folder whose sub-folders are projects (one SQLite database each). Opens
 * projects lazily and keeps them open; the first open after a start marks jobs that were left
 * running as interrupted. Renames and deletes close a project first and refuse while it is busy.
 */
export class ProjectRegistry {
  private readonly open = new Map<string, OpenProject>();
  readonly recent: RecentProjects;

  constructor(
    readonly workspace: string,
    private readonly guard: ProjectGuard = NO_GUARD,
  ) {
    mkdirSync(workspace, { recursive: true });
    this.recent = new RecentProjects(workspace);
  }

  list(): ProjectDto[] {
    const names = readdirSync(this.workspace, { withFileTypes: true })
      // Dot names are the app's own (recent file, folders being deleted); project names never start with one.
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && isProjectDir(join(this.workspace, e.name)))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    const opened = this.recent.all();
    const out: ProjectDto[] = [];
    for (const name of names) {
      const lastOpenedAt = opened.get(name) ?? null;
      try {
        out.push(this.describe(this.get(name), lastOpenedAt));
      } catch (error) {
        // A project that cannot be opened (e.g. from a newer app) must not hide the others, and the
        // user should see why it shows no contents.
        out.push({
          name,
          path: join(this.workspace, name),
          createdAt: '',
          datasets: 0,
          jobs: 0,
          sets: 0,
          benchmarks: 0,
          lastOpenedAt,
          problem: messageOf(error),
        });
      }
    }
    return out;
  }

  create(name: string): ProjectDto {
    const dir = join(this.workspace, name);
    if (existsSync(dir)) throw new ApiError('conflict', `a project or folder named "${name}" already exists`);
    const { db, paths } = openProject(dir, { create: true });
    const project = { name, db, paths };
    this.open.set(name, project);
    this.recent.forget(name); // an earlier project of the same name was opened, not this one
    return this.describe(project, null);
  }

  get(name: string): OpenProject {
    const cached = this.open.get(name);
    if (cached) return cached;
    const dir = join(this.workspace, name);
    const { db, paths } = openProject(dir);
    markInterrupted(db);
    markBenchmarksInterrupted(db);
    const project = { name, db, paths };
    this.open.set(name, project);
    return project;
  }

  /** Opens a project, creating it first if it does not exist (CLI default project). */
  ensure(name: string): OpenProject {
    const dir = join(this.workspace, name);
    if (isProjectDir(dir)) return this.get(name);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new ApiError('conflict', `folder ${dir} exists, is not empty and is not a datapress project`);
    }
    const { db, paths } = openProject(dir, { create: true });
    const project = { name, db, paths };
    this.open.set(name, project);
    return project;
  }

  /** The user opened the project: it must open, and it becomes the most recent. */
  markOpened(name: string): ProjectDto {
    const project = this.get(name);
    return this.describe(project, this.recent.markOpened(name));
  }

  /**
   * Renames the project's folder. The folder moves in one rename; the absolute paths its database
   * stores under the old folder are then rewritten in one transaction. If reopening or rewriting
   * fails, the folder is moved back so the project stays usable under its old name.
   */
  rename(from: string, to: string): ProjectDto {
    if (from === to) throw new ApiError('conflict', `the project is already named "${to}"`);
    const fromDir = ownProjectFolder(this.workspace, from);
    const toDir = join(this.workspace, to);
    if (pathTaken(toDir))
      throw new ApiError(
        'conflict',
        `a project, folder or file named "${to}" already exists in the workspace`,
      );
    const project = this.get(from); // a project that cannot be opened cannot have its paths rewritten
    this.assertIdle(from, project, 'rename');
    const moves = folderSpellings(this.workspace, from, to);
    this.release(from);
    try {
      renameSync(fromDir, toDir);
    } catch (error) {
      throw new ApiError('io_error', `cannot rename ${fromDir} to ${toDir}: ${messageOf(error)}`);
    }
    try {
      rewriteProjectPaths(this.get(to).db, to, moves);
    } catch (error) {
      this.release(to);
      try {
        renameSync(toDir, fromDir);
      } catch (back) {
        throw new ApiError(
          'io_error',
          `project moved to ${toDir} but cannot be reopened (${messageOf(error)}) nor moved back (${messageOf(back)})`,
        );
      }
      throw error instanceof ApiError
        ? error
        : new ApiError('io_error', `cannot update the renamed project: ${messageOf(error)}`);
    }
    this.recent.move(from, to);
    return this.describe(this.get(to));
  }

  /**
   * Deletes the project's folder. It is first renamed to a hidden name in the workspace (one
   * atomic step: the project is either whole or gone from the list), then removed.
   */
  remove(name: string, confirm: string): { deleted: string } {
    if (confirm !== name)
      throw new ApiError(
        'bad_request',
        `deleting project "${name}" needs confirm to repeat its name exactly; got "${confirm}"`,
      );
    const dir = ownProjectFolder(this.workspace, name);
    let project: OpenProject | null = null;
    try {
      project = this.get(name);
    } catch {
      // It cannot be opened (e.g. made by a newer app): then no job of it runs here, and a
      // project the user cannot open is exactly one they may want to delete.
    }
    this.assertIdle(name, project, 'delete');
    this.release(name);
    const trash = join(this.workspace, `.datapress-deleting-${name}-${randomBytes(4).toString('hex')}`);
    try {
      renameSync(dir, trash);
    } catch (error) {
      throw new ApiError('io_error', `cannot delete ${dir}: ${messageOf(error)}`);
    }
    this.recent.forget(name);
    try {
      rmSync(trash, { recursive: true, force: true });
    } catch (error) {
      throw new ApiError(
        'io_error',
        `project "${name}" is gone from the workspace but removing its files failed (${messageOf(error)}); delete ${trash} by hand`,
      );
    }
    return { deleted: name };
  }

  describe(project: OpenProject, lastOpenedAt = this.recent.lastOpened(project.name)): ProjectDto {
    const info = projectInfo(project.db);
    return {
      name: project.name,
      path: project.paths.dir,
      createdAt: info.createdAt,
      datasets: info.datasets,
      jobs: info.jobs,
      sets: info.sets,
      benchmarks: info.benchmarks,
      lastOpenedAt,
    };
  }

  close(): void {
    for (const project of this.open.values()) project.db.close();
    this.open.clear();
  }

  /** Refuses while a job of the project is queued or running here or (per its rows) elsewhere. */
  private assertIdle(name: string, project: OpenProject | null, action: string): void {
    const ids = project ? activeJobIds(project.db) : [];
    const reason =
      this.guard.busyReason(name) ??
      (ids.length > 0 ? `job ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is'} queued or running` : null);
    if (reason)
      throw new ApiError(
        'conflict',
        `cannot ${action} project "${name}" while ${reason}; wait for it or cancel it first`,
      );
  }

  /** Closes the project's database and lets the backend drop its runner; it reopens lazily. */
  private release(name: string): void {
    const project = this.open.get(name);
    this.open.delete(name);
    project?.db.close();
    this.guard.released(name);
  }
}
