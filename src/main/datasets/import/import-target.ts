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

/**
 * The geometry every sample is decoded to: the user's choice, else the source's own for array
 * formats, else the most common size among up to 256 evenly spaced probed files, capped.
 */
export async function chooseTarget(listing: SourceListing, params: ImportParams): Promise<DecodeTarget> {
  let size: DecodeTarget['size'];
  let channels: 1 | 3;
  if (listing.format === 'idx' || listing.format === 'cifar10' || listing.format === 'cifar100') {
    size = { height: listing.height, width: listing.width };
    channels = listing.channels;
  } else {
    const step = Math.max(1, Math.floor(listing.entries.length / PROBES));
    const probes: ImageProbe[] = [];
    for (let i = 0; i < listing.entries.length && probes.length < PROBES; i += step) {
      try {
        probes.push(await probeImage((listing.entries[i] as { path: string }).path));
      } catch {
        // An unreadable file is reported when it is decoded; it just does not vote here.
      }
    }
    if (probes.length === 0) throw new ApiError('invalid_data', `no readable image in ${listing.root}`);
    const g = chooseDefaultGeometry(probes, params.sizeCap);
    size = { height: g.height, width: g.width };
    channels = g.channels;
  }
  return {
    size: params.size ?? size,
    channels: params.channels ?? channels,
    resize: params.resize,
    background: params.background,
  };
}

export function targetHeightWidth(target: DecodeTarget): { height: number; width: number } {
  return typeof target.size === 'number' ? { height: target.size, width: target.size } : target.size;
}
