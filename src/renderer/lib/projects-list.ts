import type { ProjectDto } from '../../shared/api/dto';

/**
 * The Projects screen's orderings: recent projects are the ones opened most lately (never-opened
 * ones are not "recent"); the full list stays alphabetical so a project is where one expects it.
 */
export function recentProjects(projects: readonly ProjectDto[], count = 4): ProjectDto[] {
  return projects
    .filter((p) => p.lastOpenedAt !== null && !p.problem)
    .sort(
      (a, b) => (b.lastOpenedAt ?? '').localeCompare(a.lastOpenedAt ?? '') || a.name.localeCompare(b.name),
    )
    .slice(0, count);
}

/** "3 datasets · 2 compressed sets · 1 benchmark": what a project holds, in words. */
export function projectContentsText(project: ProjectDto): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    part(project.datasets, 'dataset', 'datasets'),
    part(project.sets, 'compressed set', 'compressed sets'),
    part(project.benchmarks, 'benchmark', 'benchmarks'),
  ].join(' · ');
}

/** What deleting removes, said before the user confirms. */
export function deleteWarning(project: ProjectDto): string {
  return (
    `This deletes the folder ${project.path} and everything in it: ${projectContentsText(project)}, ` +
    `${project.jobs} ${project.jobs === 1 ? 'job' : 'jobs'} with their results, and any exports written inside it. ` +
    'It cannot be undone. Exports written to folders outside the project stay.'
  );
}

/** Delete is armed only when the typed name is exactly the project's. */
export function deleteConfirmed(project: ProjectDto, typed: string): boolean {
  return typed === project.name;
}
