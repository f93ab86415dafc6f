import type { ExportResultDto } from '../../shared/api/dto';
import { exportParamsSchema } from '../../shared/api/export-params';
import { parseOrRefuse } from '../../shared/rpc/server';
import type { JobContext } from '../jobs/job-context';
import { exportStoredSet } from './export-set';

/** How often the job looks for a cancel while the writer is busy (the writer checks the signal). */
const CANCEL_POLL_MS = 50;

/**
 * The `export` job: the same export as `exports.create` (export-set.ts), in its own process so the
 * Export step can show progress per image and cancel it. The writer works in a hidden sibling
 * folder and renames it into place only when complete, so a cancelled job leaves no export.
 */
export async function runExportJob(ctx: JobContext): Promise<ExportResultDto> {
  const params = parseOrRefuse(exportParamsSchema, ctx.params, 'export parameters');
  // The worker only flips a flag on cancel; the writer wants an AbortSignal, so poll the flag.
  const abort = new AbortController();
  const poll = setInterval(() => {
    if (ctx.shouldStop()) abort.abort();
  }, CANCEL_POLL_MS);
  try {
    return await exportStoredSet(ctx.db, ctx.paths, {
      setId: params.setId,
      dir: params.dir,
      format: params.format,
      quality: params.quality,
      replace: params.replace,
      jobId: ctx.jobId,
      ...(params.modelRunId !== undefined ? { modelRunId: params.modelRunId } : {}),
      signal: abort.signal,
      onProgress: (done, total) => ctx.progress('export', done, total, total > 0 ? done / total : 0),
    });
  } finally {
    clearInterval(poll);
  }
}
