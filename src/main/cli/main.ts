import { exitCodeFor, messageFor, UsageError } from './cli-error';
import type { CommandResult } from './command';
import { BACKEND_HELP, backendCommand } from './commands/backend';
import { COMBINE_HELP, combineCommand } from './commands/combine';
import { DEMO_HELP, demoCommand } from './commands/demo';
import { EXPORT_HELP, exportCommand } from './commands/export';
import { SETS_HELP, setsCommand } from './commands/sets';
import { IMPORT_HELP, importCommand } from './commands/import';
import { JOBS_HELP, jobsCommand } from './commands/jobs';
import { SERVE_HELP, serveCommand } from './commands/serve';
import { SCORE_HELP, scoreCommand } from './commands/score';
import { SELECT_HELP, selectCommand } from './commands/select';
import { SELECTIONS_HELP, selectionsCommand } from './commands/selections';
import { TRAIN_HELP, trainCommand } from './commands/train';
import { EVALUATE_HELP, evaluateCommand } from './commands/evaluate';
import { PCA_HELP, pcaCommand } from './commands/pca';
import { RDED_HELP, rdedCommand } from './commands/rded';
import { DM_HELP, dmCommand } from './commands/dm';
import { BENCH_HELP, benchCommand } from './commands/bench';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<CommandResult | null>; help: string }> = {
  demo: { run: demoCommand, help: DEMO_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  score: { run: scoreCommand, help: SCORE_HELP },
  select: { run: selectCommand, help: SELECT_HELP },
  selections: { run: selectionsCommand, help: SELECTIONS_HELP },
  combine: { run: combineCommand, help: COMBINE_HELP },
  train: { run: trainCommand, help: TRAIN_HELP },
  evaluate: { run: evaluateCommand, help: EVALUATE_HELP },
  pca: { run: pcaCommand, help: PCA_HELP },
  rded: { run: rdedCommand, help: RDED_HELP },
  dm: { run: dmCommand, help: DM_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  jobs: { run: jobsCommand, help: JOBS_HELP },
  sets: { run: setsCommand, help: SETS_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  backend: { run: backendCommand, help: BACKEND_HELP },
};

const HELP = `datapress — offline dataset compression: prune, combine, augment, train, export

Usage: datapress <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.help.split('\n')[0]?.replace(/^datapress \S+ — /, '')}`)
  .join('\n')}

Every command takes --project DIR (the project folder: database and pixel cache), --json (the
last line on stdout is one JSON object with the result) and --help.
Exit codes: 0 success, 1 failure, 2 bad usage.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  const json = rest.includes('--json');
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; run datapress --help`);
    const result = await command.run(rest);
    if (result) {
      if (json && result.json !== undefined) process.stdout.write(`${JSON.stringify(result.json)}\n`);
      else process.stdout.write(`${result.text}\n`);
    }
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    process.stderr.write(`datapress ${name}: ${messageFor(error)}\n`);
    if (json) {
      const envelope = {
        ok: false,
        error: {
          code: (error as { code?: string }).code ?? (code === 2 ? 'bad_request' : 'internal'),
          message: messageFor(error),
        },
      };
      process.stdout.write(`${JSON.stringify(envelope)}\n`);
    }
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
