/** Error codes that travel in the envelope. Stable strings: the UI and the CLI branch on them. */
export const ERROR_CODES = [
  'bad_request', // arguments failed their schema
  'unknown_method',
  'not_found',
  'conflict', // e.g. export folder not empty, job already running
  'invalid_data', // a dataset file is malformed
  'unsupported', // e.g. database from a newer version
  'io_error',
  'cancelled',
  'internal',
  'transport_closed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An error meant for the user: its message names the problem; `details` carries specifics. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  toEnvelope(): ErrorEnvelope {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromEnvelope(envelope: ErrorEnvelope): ApiError {
    return new ApiError(envelope.code, envelope.message, envelope.details);
  }
}

/** Any thrown value to an envelope; unexpected errors become `internal` without leaking stacks. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof ApiError) return error.toEnvelope();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
