/*
 * Renders resources/icons/icon.svg into the icons the packager and makers use:
 *   icon.png (512×512, Linux window and .deb), icon.ico (Windows), icon.icns (macOS).
 * Run after editing the SVG:  node bin/run-ts.mjs src/main/electron/build/make-icons.ts
 * Both container formats simply hold PNGs, which every supported OS version reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildIcns, buildIco } from './icon-formats';

const iconsDir = fileURLToPath(new URL('../../../../resources/icons/', import.meta.url));

async function renderPng(svg: Buffer, size: number): Promise<Buffer> {
  return sharp(svg, { density: Math.ceil((72 * size) / 1024) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

async function main(): Promise<void> {
  const svg = readFileSync(`${iconsDir}icon.svg`);
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const png = new Map<number, Buffer>();
  for (const size of sizes) png.set(size, await renderPng(svg, size));
  const at = (size: number) => png.get(size) as Buffer;

  writeFileSync(`${iconsDir}icon.png`, at(512));
  writeFileSync(
    `${iconsDir}icon.ico`,
    buildIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: at(size) }))),
  );
  writeFileSync(
    `${iconsDir}icon.icns`,
    buildIcns([
      { type: 'icp4', png: at(16) },
      { type: 'icp5', png: at(32) },
      { type: 'icp6', png: at(64) },
      { type: 'ic07', png: at(128) },
      { type: 'ic08', png: at(256) },
      { type: 'ic09', png: at(512) },
      { type: 'ic10', png: at(1024) },
    ]),
  );
  console.log(`wrote icon.png, icon.ico, icon.icns in ${iconsDir}`);
}

await main();
