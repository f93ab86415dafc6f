import { closeSync, fsyncSync, ftruncateSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Appends decoded samples to a dataset's pixel cache while the import runs (`<file>.partial`),
 * so memory stays flat however large the dataset. A resumed import truncates the partial file
 * to the samples SQLite has recorded and appends from there; `finish` renames it into place.
 */
export class CacheWriter {
  private readonly fd: number;
  private bytes: number;

  constructor(
    private readonly file: string,
    private readonly sampleBytes: number,
    resumeSamples: number,
  ) {
    this.fd = openSync(`${file}.partial`, resumeSamples > 0 ? 'r+' : 'w');
    this.bytes = resumeSamples * sampleBytes;
    ftruncateSync(this.fd, this.bytes);
  }

  append(pixels: Uint8Array): void {
    if (pixels.length !== this.sampleBytes)
      throw new Error(`sample has ${pixels.length} bytes, expected ${this.sampleBytes}`);
    let offset = 0;
    while (offset < pixels.length)
      offset += writeSync(this.fd, pixels, offset, pixels.length - offset, this.bytes + offset);
    this.bytes += pixels.length;
  }

  /** Makes what was appended durable before SQLite records it. */
  sync(): void {
    fsyncSync(this.fd);
  }

  finish(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(`${this.file}.partial`, this.file);
  }

  close(): void {
    closeSync(this.fd);
  }
}
