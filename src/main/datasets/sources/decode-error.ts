import { ApiError } from '../../../shared/rpc/errors';
import type { SkipReason } from './types';

export type DecodeFailureReason = Extract<
  SkipReason,
  | 'not-an-image'
  | 'unsupported-format'
  | 'unreadable'
  | 'truncated-or-corrupt'
  | 'too-large'
  | 'zero-bytes'
  | 'vanished'
>;

/**
 * A file that cannot be decoded, with the skip reason the import reports for it. It is an
 * ApiError (invalid_data, or io_error for I/O reasons), so it also travels well if rethrown.
 */
export class ImageDecodeError extends ApiError {
  readonly reason: DecodeFailureReason;
  readonly detail: string;

  constructor(reason: DecodeFailureReason, detail: string, file?: string) {
    const io = reason === 'unreadable' || reason === 'vanished';
    super(io ? 'io_error' : 'invalid_data', file ? `${file}: ${detail}` : detail, {
      reason,
      detail,
      ...(file ? { file } : {}),
    });
    this.name = 'ImageDecodeError';
    this.reason = reason;
    this.detail = detail;
  }
}
