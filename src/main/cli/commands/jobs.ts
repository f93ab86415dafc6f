import { parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { openSession } from '../session';

export const JOBS_HELP = `datapress jobs — list a project's jobs (newest first)

Options:
  --project DIR      project folder
  --json             print the jobs as JSON
`;

export async function jobsCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {});
  if (values.help) return { text: JOBS_HELP };
  const session = openSession(values.project, { create: false });
  try {
    const jobs = await session.api.call('jobs.list', { project: session.project });
    const lines = jobs.map(
      (j) =>
        `#${j.id}  ${j.kind.padEnd(8)} ${j.status.padEnd(11)} ${j.createdAt}${j.error ? `  ${j.error.message}` : ''}`,
    );
    return { text: lines.length ? lines.join('\n') : 'no jobs yet', json: { jobs } };
  } finally {
    await session.close();
  }
}
