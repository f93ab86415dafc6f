import { describe, expect, it } from 'vitest';
import { isDecodable, sniffFormat } from '../../../../src/main/datasets/sources/sniff-format';
import { encodeAnimatedGif, encodeBmp, encodeImage, solidImage, RED } from '../../../helpers/image-fixtures';

describe('sniffFormat', () => {
  it('recognises every decodable format by its bytes', async () => {
    const image = solidImage(4, 4, RED);
    expect(sniffFormat(await encodeImage(image, 'png'))).toBe('png');
    expect(sniffFormat(await encodeImage(image, 'jpeg'))).toBe('jpeg');
    expect(sniffFormat(await encodeImage(image, 'webp'))).toBe('webp');
    expect(sniffFormat(await encodeImage(image, 'tiff'))).toBe('tiff');
    expect(sniffFormat(await encodeImage(image, 'avif'))).toBe('avif');
    expect(sniffFormat(await encodeAnimatedGif([image]))).toBe('gif');
    expect(sniffFormat(encodeBmp(image))).toBe('bmp');
  });

  it('says null for text, empty and near-miss content, whatever the file is called', () => {
    expect(sniffFormat(Buffer.from('hello, this is not a PNG'))).toBeNull();
    expect(sniffFormat(new Uint8Array(0))).toBeNull();
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull(); // half a PNG signature
    // Starts with "BM" but has no DIB header: a text file, not a bitmap.
    expect(sniffFormat(Buffer.from('BMW owners club newsletter, issue 12'))).toBeNull();
  });

  it('recognises image formats this build cannot decode', () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12)]);
    expect(sniffFormat(heic)).toBe('heic');
    expect(isDecodable('heic')).toBe(false);
    expect(sniffFormat(Buffer.from('8BPS\x00\x01'))).toBe('psd');
    expect(sniffFormat(Buffer.from('P6\n4 4\n255\n'))).toBe('pnm');
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBe('svg');
    expect(isDecodable('png')).toBe(true);
    expect(isDecodable('bmp')).toBe(true);
  });
});
