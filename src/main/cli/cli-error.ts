import { ApiError } from '../../shared/rpc/errors';

/** A usage mistake (unknown option, bad number): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes: 0 success, 1 failure, 2 bad usage (including arguments the API rejected). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof ApiError && error.code === 'bad_request') return 2;
  return 1;
}

export function messageFor(error: unknown): string {
  if (error instanceof ApiError || error instanceof UsageError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
