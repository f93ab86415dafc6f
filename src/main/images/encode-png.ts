import sharp from 'sharp';

/**
 * Encodes raw uint8 pixels (H×W×C, C = 1 or 3) as a lossless PNG. Grayscale stays one channel:
 * sharp would otherwise widen it to sRGB and triple the stored bytes.
 */
export function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  compressionLevel = 9,
): Promise<Buffer> {
  let image = sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), {
    raw: { width, height, channels: channels as 1 | 3 },
  });
  if (channels === 1) image = image.toColourspace('b-w');
  return image.png({ compressionLevel }).toBuffer();
}
