import { ApiError } from '../../shared/rpc/errors';

/** What to show for a failed call: the envelope's message, which is written for people. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'transport_closed') return `Lost the connection to DataPress (${error.message}).`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}

/** Per-field messages from a bad_request envelope's details, keyed by the first path segment. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'bad_request' || !Array.isArray(error.details))
    return {};
  const out: Record<string, string> = {};
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(issue.path) ? issue.path.map(String) : [];
    // Method params nest the form under `params` (jobs.startDemo): key by the innermost field.
    const key = path[0] === 'params' && path.length > 1 ? path[1]! : (path[0] ?? '');
    if (key && typeof issue.message === 'string' && !(key in out)) out[key] = issue.message;
  }
  return out;
}
