import type { ProbePreview } from '../../../shared/api/probe-dto';
import { encodePng } from '../../images/encode-png';
import { targetHeightWidth } from '../import/import-target';
import { decodeEntry } from '../sources/decode-entry';
import type { DecodeTarget, SourceListing } from '../sources/types';
import type { PreviewPick } from './preview-picks';

/**
 * Decodes the picked images with the import's own decoder and target, so what the preview
 * shows is what the import stores, and returns them as PNG data URLs (as thumbnails are). A
 * file that fails comes back with the reason the import would skip it for.
 */
export async function previewImages(
  listing: SourceListing,
  picks: readonly PreviewPick[],
  target: DecodeTarget,
): Promise<ProbePreview[]> {
  const { height, width } = targetHeightWidth(target);
  // A handful of images: decode them all at once (sharp runs them on libuv's thread pool).
  return Promise.all(
    picks.map(async ({ classIndex, entry }): Promise<ProbePreview> => {
      const about = {
        classIndex,
        className: entry.className,
        split: entry.split,
        relPath: entry.relPath,
      };
      const outcome = await decodeEntry(listing, entry, target);
      if (!outcome.ok) {
        const { reason, detail } = outcome.skipped;
        return { ...about, ok: false, reason, ...(detail !== undefined ? { detail } : {}) };
      }
      const png = await encodePng(outcome.pixels, width, height, target.channels, 6);
      return { ...about, ok: true, dataUrl: `data:image/png;base64,${png.toString('base64')}` };
    }),
  );
}
