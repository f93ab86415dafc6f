import { ApiError } from '../../shared/rpc/errors';
import { createRng, shuffleInPlace } from '../../shared/random';

/**
 * Class-balanced seeded random subset: per class, shuffle the class's sample ids (sorted first,
 * so the result depends only on the ids and the seed) and keep the first `ipc`.
 * A class holding fewer than `ipc` images is an error naming the class: silently keeping fewer
 * would unbalance the budget the user asked for.
 */
export function selectRandomBalanced(
  byClass: Map<number, number[]>,
  ipc: number,
  seed: number,
  classNames: readonly string[] = [],
): Map<number, number[]> {
  if (!Number.isInteger(ipc) || ipc < 1)
    throw new ApiError('bad_request', `IPC must be a positive integer, got ${ipc}`);
  const short = [...byClass].filter(([, ids]) => ids.length < ipc);
  if (short.length > 0) {
    const list = short.map(([c, ids]) => `"${classNames[c] ?? c}" has ${ids.length}`).join(', ');
    throw new ApiError('bad_request', `IPC ${ipc} is larger than what some classes hold: ${list}`, {
      ipc,
      classes: short.map(([c, ids]) => ({ classIndex: c, available: ids.length })),
    });
  }
  const rng = createRng(seed);
  const out = new Map<number, number[]>();
  for (const classIndex of [...byClass.keys()].sort((a, b) => a - b)) {
    const ids = [...(byClass.get(classIndex) as number[])].sort((a, b) => a - b);
    out.set(classIndex, shuffleInPlace(ids, rng).slice(0, ipc));
  }
  return out;
}

export function groupByClass(samples: readonly { id: number; classIndex: number }[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const s of samples) {
    const list = map.get(s.classIndex);
    if (list) list.push(s.id);
    else map.set(s.classIndex, [s.id]);
  }
  return map;
}
