import { ApiError } from '../../../shared/rpc/errors';

/** The ways a user can say how big the compressed set may be. All resolve to one IPC. */
export type Budget =
  { kind: 'ipc'; ipc: number } | { kind: 'fraction'; fraction: number } | { kind: 'bytes'; bytes: number };

export interface BudgetDataset {
  trainCount: number;
  classes: number;
  /** Raw pixel bytes of one stored image (H·W·C): what an uncompressed export stores per image. */
  bytesPerImage: number;
}

/** Bytes of a class-balanced stored set: IPC images in every class, `bytesPerImage` each. */
export function storedBytes(ipc: number, classes: number, bytesPerImage: number): number {
  return ipc * classes * bytesPerImage;
}

function bad(message: string, details: unknown): never {
  throw new ApiError('bad_request', message, details);
}

/**
 * Resolves a budget to images per class (METHODS.md: the budget is class balanced).
 * - ipc: taken as is; an integer ≥ 1.
 * - fraction f in (0, 1]: ⌊f·trainCount / classes⌋, at least 1 so a tiny fraction still keeps one
 *   image per class rather than nothing.
 * - bytes: the largest IPC whose stored images fit, ⌊bytes / (classes·bytesPerImage)⌋; a budget too
 *   small for one image per class is an error that says what one image per class costs.
 */
export function ipcForBudget(budget: Budget, dataset: BudgetDataset): number {
  const { trainCount, classes, bytesPerImage } = dataset;
  // The dataset comes from the store, not the user: a bad one is a bug, not a bad request.
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`dataset has ${classes} classes`);
  if (!(bytesPerImage > 0)) throw new Error(`dataset has ${bytesPerImage} bytes per image`);
  switch (budget.kind) {
    case 'ipc':
      if (!Number.isInteger(budget.ipc) || budget.ipc < 1)
        bad(`IPC must be an integer ≥ 1, got ${budget.ipc}`, { ipc: budget.ipc });
      return budget.ipc;
    case 'fraction': {
      const f = budget.fraction;
      if (!Number.isFinite(f) || f <= 0 || f > 1)
        bad(`fraction must be in (0, 1], got ${f}`, { fraction: f });
      return Math.max(1, Math.floor((f * trainCount) / classes));
    }
    case 'bytes': {
      const b = budget.bytes;
      if (!Number.isFinite(b) || b <= 0) bad(`byte budget must be a positive number, got ${b}`, { bytes: b });
      const ipc = Math.floor(b / (classes * bytesPerImage));
      if (ipc < 1) {
        const needed = storedBytes(1, classes, bytesPerImage);
        bad(
          `byte budget ${b} is too small: one image per class needs ${needed} bytes (${classes} classes × ${bytesPerImage} bytes)`,
          { bytes: b, needed },
        );
      }
      return ipc;
    }
    default: {
      const kind: unknown = (budget as { kind: unknown }).kind;
      return bad(`unknown budget kind ${JSON.stringify(kind)}`, { kind });
    }
  }
}
