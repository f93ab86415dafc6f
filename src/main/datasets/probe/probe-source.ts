import { resolve } from 'node:path';
import type { ProbeDto, ProbeTarget } from '../../../shared/api/probe-dto';
import type { ProbeParams } from '../../../shared/api/probe-params';
import { ApiError } from '../../../shared/rpc/errors';
import { checkFormat, targetFrom, targetHeightWidth, type ExaminedImages } from '../import/import-target';
import { detectSource } from '../sources/detect-format';
import type { DecodeTarget, SourceListing } from '../sources/types';
import { createListingCache, type ListingCache } from './listing-cache';
import { pickPreviews } from './preview-picks';
import { previewImages } from './preview-images';
import { classCounts, probeWarnings, sizeSummary, skippedSummary, splitSourceOf } from './source-summary';

/**
 * `datasets.probe`: what an import of `params.path` would find and how its images would look,
 * before anything is imported. It lists the whole source (the counts need it), reads the same
 * sampled headers the import reads to choose the working size, and decodes only the preview
 * images. Nothing is written. Problems with the path come back as ApiErrors naming it.
 */
export async function probeSource(
  params: ProbeParams,
  cache: ListingCache = createListingCache(),
): Promise<ProbeDto> {
  const path = resolve(params.path);
  // Both look at the path first, so a missing or unknown source fails fast with its own message.
  checkFormat(path, params.format);
  const readerPath = detectSource(path).path;

  const { listing, examined, seconds, reused } = await cache.get(path, params.reuseListing);
  const classes = classCounts(listing);
  const splitSource = splitSourceOf(listing);
  const sizes = sizeSummary(listing, examined);
  const started = performance.now();
  const decodeTarget = sizes.common === null ? null : targetOrNull(listing, examined, params);
  const previews = decodeTarget
    ? await previewImages(
        listing,
        pickPreviews(listing.classNames, listing.entries, params.previewCount),
        decodeTarget,
      )
    : [];
  return {
    source: path,
    format: listing.format,
    readerPath,
    total: listing.entries.length,
    classes,
    splitSource,
    sizes,
    skipped: skippedSummary(listing),
    target: decodeTarget ? describeTarget(decodeTarget, params) : null,
    previews,
    warnings: probeWarnings(classes, splitSource, sizes),
    timing: { ...seconds, previews: (performance.now() - started) / 1000, reusedListing: reused },
  };
}

/** The import's geometry, or null where the import would stop for want of a readable image. */
function targetOrNull(
  listing: SourceListing,
  examined: ExaminedImages,
  params: ProbeParams,
): DecodeTarget | null {
  try {
    return targetFrom(listing, examined, params);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_data') return null;
    throw error;
  }
}

function describeTarget(target: DecodeTarget, params: ProbeParams): ProbeTarget {
  return {
    ...targetHeightWidth(target),
    channels: target.channels,
    resize: target.resize,
    background: { ...target.background },
    sizeFrom: params.size === undefined ? 'source' : 'settings',
    channelsFrom: params.channels === undefined ? 'source' : 'settings',
  };
}
