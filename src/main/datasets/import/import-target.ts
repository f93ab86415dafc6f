import { ApiError } from '../../../shared/rpc/errors';
import type { ImportParams } from '../../../shared/api/import-params';
import { detectSource } from '../sources/detect-format';
import { chooseDefaultGeometry, probeImage, type ImageProbe } from '../sources/probe-image';
import type { DecodeTarget, SourceListing } from '../sources/types';

/** Checks that the detected format is the one the user asked for ('auto' accepts any). */
export function checkFormat(path: string, wanted: ImportParams['format']): void {
  if (wanted === 'auto') return;
  const found = detectSource(path).format;
  const matches = wanted === 'cifar' ? found === 'cifar10' || found === 'cifar100' : found === wanted;
  if (!matches)
    throw new ApiError(
      'bad_request',
      `${path} looks like a ${found} dataset, not ${wanted}; use --format auto or ${found}`,
    );
}

const PROBES = 256;

/** The settings that decide the geometry: the import's, or the probe's (which has no split). */
export type GeometrySettings = Pick<ImportParams, 'size' | 'sizeCap' | 'channels' | 'resize' | 'background'>;

/** Headers read from a file listing to choose the geometry, and how many could not be read. */
export interface ExaminedImages {
  probes: ImageProbe[];
  unreadable: number;
}

/**
 * Reads the headers of evenly spaced files (until 256 are read) of a file listing (array formats: none,
 * their geometry is known). Shared by the import and `datasets.probe`, so the size the review
 * shows is the one the import picks.
 */
export async function examineImages(listing: SourceListing): Promise<ExaminedImages> {
  if (listing.format !== 'folder' && listing.format !== 'csv') return { probes: [], unreadable: 0 };
  const step = Math.max(1, Math.floor(listing.entries.length / PROBES));
  const probes: ImageProbe[] = [];
  let unreadable = 0;
  for (let i = 0; i < listing.entries.length && probes.length < PROBES; i += step) {
    try {
      probes.push(await probeImage((listing.entries[i] as { path: string }).path));
    } catch {
      // An unreadable file is reported when it is decoded; it just does not vote here.
      unreadable++;
    }
  }
  return { probes, unreadable };
}

/**
 * The geometry every sample is decoded to: the user's choice, else the source's own for array
 * formats, else the most common size among the examined files, capped.
 */
export function targetFrom(
  listing: SourceListing,
  examined: ExaminedImages,
  settings: GeometrySettings,
): DecodeTarget {
  let size: DecodeTarget['size'];
  let channels: 1 | 3;
  if (listing.format === 'idx' || listing.format === 'cifar10' || listing.format === 'cifar100') {
    size = { height: listing.height, width: listing.width };
    channels = listing.channels;
  } else {
    if (examined.probes.length === 0)
      throw new ApiError('invalid_data', `no readable image in ${listing.root}`);
    const g = chooseDefaultGeometry(examined.probes, settings.sizeCap);
    size = { height: g.height, width: g.width };
    channels = g.channels;
  }
  return {
    size: settings.size ?? size,
    channels: settings.channels ?? channels,
    resize: settings.resize,
    background: settings.background,
  };
}

/** The import's geometry: examine the listing, then choose. */
export async function chooseTarget(listing: SourceListing, params: GeometrySettings): Promise<DecodeTarget> {
  return targetFrom(listing, await examineImages(listing), params);
}

export function targetHeightWidth(target: DecodeTarget): { height: number; width: number } {
  return typeof target.size === 'number' ? { height: target.size, width: target.size } : target.size;
}
