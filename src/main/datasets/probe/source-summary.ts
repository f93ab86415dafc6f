import type {
  ProbeClassCount,
  ProbeSizes,
  ProbeSkipped,
  ProbeSize,
  ProbeSplitSource,
} from '../../../shared/api/probe-dto';
import type { ExaminedImages } from '../import/import-target';
import type { SourceListing } from '../sources/types';

/** Skipped files named by example: enough to recognise a pattern, not a listing. */
const SKIPPED_EXAMPLES = 20;
const TOP_SIZES = 5;

/** Images per class as listed, by the split the source gives them, in the listing's class order. */
export function classCounts(listing: SourceListing): ProbeClassCount[] {
  const byName = new Map(listing.classNames.map((name) => [name, { name, train: 0, test: 0, unsplit: 0 }]));
  for (const entry of listing.entries) {
    const counts = byName.get(entry.className);
    if (!counts) continue;
    if (entry.split === 'train') counts.train++;
    else if (entry.split === 'test') counts.test++;
    else counts.unsplit++;
  }
  return [...byName.values()];
}

/** Where the import will take the split from; the same rule as the import's split assignment. */
export function splitSourceOf(listing: SourceListing): ProbeSplitSource {
  const given = listing.entries.filter((e) => e.split !== null).length;
  if (given === 0 || listing.entries.length === 0) return 'hold-out';
  if (given < listing.entries.length) return 'partial';
  return listing.format === 'folder' ? 'folders' : listing.format === 'csv' ? 'manifest' : 'file';
}

export function skippedSummary(listing: SourceListing): ProbeSkipped {
  const byReason: Record<string, number> = {};
  for (const s of listing.skipped) byReason[s.reason] = (byReason[s.reason] ?? 0) + 1;
  return {
    total: listing.skipped.length,
    byReason,
    examples: listing.skipped.slice(0, SKIPPED_EXAMPLES).map((s) => ({ ...s })),
  };
}

/**
 * The sizes seen: every record of an array file (they share one size), else the files whose
 * headers were read to choose the working size. Ties go to the larger size, as the import's
 * choice does.
 */
export function sizeSummary(listing: SourceListing, examined: ExaminedImages): ProbeSizes {
  if (listing.format === 'idx' || listing.format === 'cifar10' || listing.format === 'cifar100') {
    const n = listing.entries.length;
    const common = n > 0 ? { height: listing.height, width: listing.width, count: n } : null;
    return {
      examined: n,
      unreadable: 0,
      common,
      differing: 0,
      top: common ? [common] : [],
      allGrey: listing.channels === 1,
    };
  }
  const counts = new Map<string, ProbeSize>();
  for (const p of examined.probes) {
    const key = `${p.height}x${p.width}`;
    const seen = counts.get(key) ?? { height: p.height, width: p.width, count: 0 };
    seen.count++;
    counts.set(key, seen);
  }
  const top = [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      b.height * b.width - a.height * a.width ||
      a.height - b.height ||
      a.width - b.width,
  );
  const common = top[0] ?? null;
  return {
    examined: examined.probes.length + examined.unreadable,
    unreadable: examined.unreadable,
    common,
    differing: examined.probes.length - (common?.count ?? 0),
    top: top.slice(0, TOP_SIZES),
    allGrey: examined.probes.length > 0 && examined.probes.every((p) => p.channels === 1),
  };
}

/** What the import would run into, in words a user can act on. */
export function probeWarnings(
  classes: readonly ProbeClassCount[],
  split: ProbeSplitSource,
  sizes: ProbeSizes,
): string[] {
  const warnings: string[] = [];
  if (sizes.common === null && sizes.examined > 0)
    warnings.push(
      `none of the ${sizes.examined} files examined could be read as an image: the import would find nothing to import`,
    );
  else if (sizes.unreadable > 0)
    warnings.push(
      `${sizes.unreadable} of the ${sizes.examined} files examined could not be read as images; the import will skip them and say why`,
    );
  for (const c of classes) {
    const total = c.train + c.test + c.unsplit;
    if (total === 1) warnings.push(`class "${c.name}" has a single image (it stays in train)`);
    else if (split !== 'hold-out' && split !== 'partial' && c.test === 0)
      warnings.push(`class "${c.name}" has no test image in the source's split`);
    else if (split !== 'hold-out' && split !== 'partial' && c.train === 0)
      warnings.push(`class "${c.name}" has no training image in the source's split`);
  }
  if (classes.length === 1) warnings.push('only one class was found: training needs at least two');
  return warnings;
}
