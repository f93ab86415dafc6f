import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from '../store/database';
import { markInterrupted } from '../store/jobs-repo';
import { markBenchmarksInterrupted } from '../store/bench-repo';
import { isProjectDir, openProject, projectInfo, type ProjectPaths } from '../store/project-store';

export interface OpenProject {
  name: string;
  db: Db;
  paths: ProjectPaths;
}

/**
 * The workspace: a folder whose sub-folders are projects (one SQLite database each). Opens
 * projects lazily and keeps them open; the first open after a start marks jobs that were left
 * running as interrupted.
 */
export class ProjectRegistry {
  private readonly open = new Map<string, OpenProject>();

  constructor(readonly workspace: string) {
    mkdirSync(workspace, { recursive: true });
  }

  list(): ProjectDto[] {
    const names = readdirSync(this.workspace, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isProjectDir(join(this.workspace, e.name)))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    const out: ProjectDto[] = [];
    for (const name of names) {
      try {
        out.push(this.describe(this.get(name)));
      } catch {
        // A project that cannot be opened (e.g. from a newer app) must not hide the others.
        out.push({ name, path: join(this.workspace, name), createdAt: '', datasets: 0, jobs: 0 });
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
    return this.describe(project);
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

  describe(project: OpenProject): ProjectDto {
    const info = projectInfo(project.db);
    return {
      name: project.name,
      path: project.paths.dir,
      createdAt: info.createdAt,
      datasets: info.datasets,
      jobs: info.jobs,
    };
  }

  close(): void {
    for (const project of this.open.values()) project.db.close();
    this.open.clear();
  }
}
