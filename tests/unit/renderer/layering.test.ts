import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const rendererDir = join(repo, 'src/renderer');
const sharedDir = join(repo, 'src/shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
  )) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

describe('renderer layering', () => {
  it('imports only its own files, src/shared and svelte', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(rendererDir)) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier === 'svelte' || specifier.startsWith('svelte/')) continue;
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (target.startsWith(rendererDir + '/') || target.startsWith(sharedDir + '/')) continue;
        }
        offenders.push(`${relative(repo, file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
