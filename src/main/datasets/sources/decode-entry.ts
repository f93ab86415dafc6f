import { createHash } from 'node:crypto';
import { decodeImage, ImageDecodeError, readImageFile, reshapePixels } from './decode-image';
import type { DecodeTarget, EmbeddedListing, SkippedFile, SourceEntry, SourceListing } from './types';

export type EntryOutcome =
  | {
      ok: true;
      /** H×W×C uint8 at the target geometry. */
      pixels: Uint8Array;
      /** sha256 of the file's bytes (files) or of the record's pixels as stored (arrays). */
      contentSha256: string;
    }
  | { ok: false; skipped: SkippedFile };

/**
 * Decodes one listed sample to the target geometry, reading a file once for both its hash and
 * its pixels. Bad files come back as a skip record; only programming errors are thrown.
 */
export async function decodeEntry(
  listing: SourceListing,
  entry: SourceEntry,
  target: DecodeTarget,
): Promise<EntryOutcome> {
  if (entry.kind === 'embedded') {
    const stored = (listing as EmbeddedListing).pixels.subarray(entry.offset, entry.offset + entry.bytes);
    const pixels = await reshapePixels(stored, entry, target);
    return { ok: true, pixels, contentSha256: createHash('sha256').update(stored).digest('hex') };
  }
  try {
    const bytes = await readImageFile(entry.path);
    const pixels = await decodeImage(bytes, target);
    return { ok: true, pixels, contentSha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (error) {
    if (error instanceof ImageDecodeError)
      return { ok: false, skipped: { path: entry.path, reason: error.reason, detail: error.detail } };
    throw error;
  }
}
