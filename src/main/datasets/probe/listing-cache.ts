import { examineImages, type ExaminedImages } from '../import/import-target';
import { readSource } from '../sources/read-source';
import type { SourceListing } from '../sources/types';

/** A source as listed and examined, and what that cost (seconds). */
export interface ListedSource {
  listing: SourceListing;
  examined: ExaminedImages;
  seconds: { list: number; examine: number };
}

export interface ListingCache {
  /**
   * The listing of `path`: a fresh one, or with `reuse` the last one of the same path while it
   * is recent. Concurrent requests for the same path share one listing.
   */
  get(path: string, reuse: boolean): Promise<ListedSource & { reused: boolean }>;
  clear(): void;
}

/** How long an unused listing is kept: long enough to try settings, short enough not to hold memory. */
const IDLE_MS = 2 * 60_000;

/**
 * Keeps the last listed source, so a live preview that changes only decode settings does not
 * list a 60,000-file folder (seconds) on every change. One entry only: an array source's pixels
 * can be a few hundred MB, and the entry is dropped after two idle minutes.
 */
export function createListingCache(idleMs = IDLE_MS): ListingCache {
  let last: { path: string; listed: Promise<ListedSource>; timer: NodeJS.Timeout | null } | null = null;

  const forget = () => {
    if (last?.timer) clearTimeout(last.timer);
    last = null;
  };
  const touch = (entry: NonNullable<typeof last>) => {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (last === entry) last = null;
    }, idleMs);
    entry.timer.unref(); // never keeps a CLI or a test process alive
  };

  return {
    async get(path, reuse) {
      if (reuse && last?.path === path) {
        touch(last);
        return { ...(await last.listed), reused: true };
      }
      forget();
      const entry = { path, listed: listAndExamine(path), timer: null };
      last = entry;
      touch(entry);
      try {
        return { ...(await entry.listed), reused: false };
      } catch (error) {
        if (last === entry) forget(); // a failure is not remembered: the next look tries again
        throw error;
      }
    },
    clear: forget,
  };
}

async function listAndExamine(path: string): Promise<ListedSource> {
  const started = performance.now();
  const listing = await readSource(path);
  const listed = performance.now();
  const examined = await examineImages(listing);
  return {
    listing,
    examined,
    seconds: { list: (listed - started) / 1000, examine: (performance.now() - listed) / 1000 },
  };
}
