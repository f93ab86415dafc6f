import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDefaultGeometry, probeImage } from '../../../../src/main/datasets/sources/probe-image';
import {
  encodeAnimatedGif,
  encodeBmp,
  encodeImage,
  encodePng16,
  noiseImage,
  solidImage,
  RED,
  truncated,
} from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('probeImage', () => {
  it('reports size, channels, format, bit depth and alpha from the header', async () => {
    const dir = tempDir();
    const files: Record<string, Uint8Array> = {
      'rgb.png': await encodeImage(solidImage(5, 3, RED), 'png'),
      'gray.png': await encodeImage(solidImage(5, 3, [9]), 'png'),
      'rgba.webp': await encodeImage(solidImage(5, 3, [1, 2, 3, 128]), 'webp'),
      'deep.png': await encodePng16(2, 2, 3, Array(12).fill(1000)),
      'photo.jpg': await encodeImage(solidImage(8, 6, RED), 'jpeg'),
      'anim.gif': await encodeAnimatedGif([solidImage(4, 2, RED), solidImage(4, 2, RED)]),
      'old.bmp': encodeBmp(solidImage(7, 2, RED)),
      'turned.png': await encodeImage(solidImage(2, 3, RED), 'png', { orientation: 6 }),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    expect(await probeImage(join(dir, 'rgb.png'))).toEqual({
      width: 5,
      height: 3,
      channels: 3,
      format: 'png',
      bitDepth: 8,
      hasAlpha: false,
    });
    expect(await probeImage(join(dir, 'gray.png'))).toMatchObject({ channels: 1, hasAlpha: false });
    expect(await probeImage(join(dir, 'rgba.webp'))).toMatchObject({
      format: 'webp',
      channels: 3,
      hasAlpha: true,
    });
    expect(await probeImage(join(dir, 'deep.png'))).toMatchObject({ bitDepth: 16, channels: 3 });
    expect(await probeImage(join(dir, 'photo.jpg'))).toMatchObject({ format: 'jpeg', width: 8, height: 6 });
    expect(await probeImage(join(dir, 'anim.gif'))).toMatchObject({ format: 'gif', width: 4, height: 2 });
    expect(await probeImage(join(dir, 'old.bmp'))).toEqual({
      width: 7,
      height: 2,
      channels: 3,
      format: 'bmp',
      bitDepth: 24,
      hasAlpha: false,
    });
    // Size as displayed: orientation 6 turns 2×3 stored into 3 wide × 2 tall.
    expect(await probeImage(join(dir, 'turned.png'))).toMatchObject({ width: 3, height: 2 });
  });

  it('fails with skip reasons, and does not promise to catch truncation (only decoding does)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'text.png'), 'not an image');
    writeFileSync(join(dir, 'empty.jpg'), '');
    await expect(probeImage(join(dir, 'text.png'))).rejects.toMatchObject({ reason: 'not-an-image' });
    await expect(probeImage(join(dir, 'empty.jpg'))).rejects.toMatchObject({ reason: 'zero-bytes' });
    await expect(probeImage(join(dir, 'absent.png'))).rejects.toMatchObject({ reason: 'vanished' });
    // The header of a truncated PNG is intact, so a probe succeeds.
    const cut = truncated(await encodeImage(noiseImage(32, 32), 'png'), 0.5);
    expect(await probeImage(cut)).toMatchObject({ width: 32, height: 32 });
  });
});

describe('chooseDefaultGeometry', () => {
  it('takes the most common size and keeps one channel only when everything is gray', () => {
    const mnistish = [
      ...Array(9).fill({ width: 28, height: 28, channels: 1 }),
      { width: 30, height: 20, channels: 1 },
    ];
    expect(chooseDefaultGeometry(mnistish)).toEqual({
      height: 28,
      width: 28,
      channels: 1,
      commonHeight: 28,
      commonWidth: 28,
      share: 0.9,
    });
    const mixed = [...mnistish, { width: 28, height: 28, channels: 3 }];
    expect(chooseDefaultGeometry(mixed).channels).toBe(3);
  });

  it('caps the longer side, keeping the aspect ratio', () => {
    expect(chooseDefaultGeometry([{ width: 224, height: 224, channels: 3 }])).toMatchObject({
      height: 64,
      width: 64,
    });
    expect(chooseDefaultGeometry([{ width: 640, height: 480, channels: 3 }], 32)).toMatchObject({
      height: 24,
      width: 32,
      commonWidth: 640,
    });
  });

  it('breaks ties towards the larger size, and refuses an empty list', () => {
    const tie = [
      { width: 10, height: 10, channels: 3 as const },
      { width: 20, height: 20, channels: 3 as const },
    ];
    expect(chooseDefaultGeometry(tie)).toMatchObject({ height: 20, width: 20, share: 0.5 });
    expect(() => chooseDefaultGeometry([])).toThrow(/no images/);
  });
});
