import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/shared/rpc/errors';
import { ipcForBudget, storedBytes, type Budget } from '../../../../src/main/compress/select/budget';

// Fashion-MNIST-like: 60 000 training images, 10 classes, 28·28·1 = 784 bytes each.
const fmnist = { trainCount: 60000, classes: 10, bytesPerImage: 784 };

function badRequest(budget: Budget, message: RegExp): void {
  let caught: unknown;
  try {
    ipcForBudget(budget, fmnist);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApiError);
  expect((caught as ApiError).code).toBe('bad_request');
  expect((caught as ApiError).message).toMatch(message);
}

describe('budgets', () => {
  it('takes an IPC as is', () => {
    expect(ipcForBudget({ kind: 'ipc', ipc: 10 }, fmnist)).toBe(10);
  });

  it('turns a fraction into images per class, at least one', () => {
    expect(ipcForBudget({ kind: 'fraction', fraction: 0.01 }, fmnist)).toBe(60); // 600 / 10
    expect(ipcForBudget({ kind: 'fraction', fraction: 1 }, fmnist)).toBe(6000);
    expect(ipcForBudget({ kind: 'fraction', fraction: 0.0001 }, fmnist)).toBe(1); // ⌊6 / 10⌋ = 0 → 1
  });

  it('turns bytes into the largest IPC that fits', () => {
    // one image per class = 10 · 784 = 7840 bytes; 1 000 000 / 7840 = 127.55 → 127
    expect(ipcForBudget({ kind: 'bytes', bytes: 1_000_000 }, fmnist)).toBe(127);
    expect(ipcForBudget({ kind: 'bytes', bytes: 7840 }, fmnist)).toBe(1);
    expect(storedBytes(127, 10, 784)).toBe(995_680); // 127 · 7840
  });

  it('says what one image per class costs when the bytes do not reach it', () => {
    badRequest({ kind: 'bytes', bytes: 7839 }, /7839.*7840/);
  });

  it('names the invalid value', () => {
    badRequest({ kind: 'ipc', ipc: 0 }, /IPC.*0/);
    badRequest({ kind: 'ipc', ipc: 2.5 }, /2\.5/);
    badRequest({ kind: 'ipc', ipc: NaN }, /NaN/);
    badRequest({ kind: 'fraction', fraction: 1.5 }, /1\.5/);
    badRequest({ kind: 'fraction', fraction: 0 }, /fraction.*0/);
    badRequest({ kind: 'fraction', fraction: NaN }, /NaN/);
    badRequest({ kind: 'bytes', bytes: -5 }, /-5/);
    badRequest({ kind: 'bytes', bytes: NaN }, /NaN/);
  });
});
