import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** DESIGN.md's layering, checked on every import in src/ (independent of the lint run). */
const ROOT = resolve(__dirname, '..', '..');
const NODE_MODULES =
  /^(node:|fs$|path$|os$|child_process$|crypto$|better-sqlite3$|sharp$|ws$|@tensorflow\/|electron$)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): { spec: string; target: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
  return specs.map((spec) => ({
    spec,
    target: spec.startsWith('.') ? relative(ROOT, resolve(file, '..', spec)) : null,
  }));
}

function violations(
  dirRel: string,
  bad: (i: { spec: string; target: string | null }, file: string) => boolean,
): string[] {
  return files(join(ROOT, dirRel)).flatMap((file) =>
    imports(file)
      .filter((i) => bad(i, file))
      .map((i) => `${relative(ROOT, file)} imports ${i.spec}`),
  );
}

describe('layering (DESIGN.md)', () => {
  it('src/shared is pure TypeScript', () => {
    expect(
      violations(
        'src/shared',
        (i) =>
          NODE_MODULES.test(i.spec) ||
          i.spec.startsWith('svelte') ||
          (i.target !== null && !i.target.startsWith('src/shared')),
      ),
    ).toEqual([]);
  });

  it('src/renderer imports src/shared only (and svelte)', () => {
    expect(
      violations(
        'src/renderer',
        (i) =>
          NODE_MODULES.test(i.spec) || (i.target !== null && !/^src\/(shared|renderer)\//.test(i.target)),
      ),
    ).toEqual([]);
  });

  it('only src/main/electron imports electron', () => {
    const outside = (dir: string) =>
      violations(
        dir,
        (i, file) => i.spec === 'electron' && !relative(ROOT, file).startsWith('src/main/electron/'),
      );
    expect([...outside('src/main'), ...outside('src/shared'), ...outside('src/renderer')]).toEqual([]);
  });

  it('the checker itself catches a violation', () => {
    // Guards against a regex that silently matches nothing.
    const found = imports(join(ROOT, 'src/main/store/database.ts')).map((i) => i.spec);
    expect(found).toContain('better-sqlite3');
    expect(found).toContain('node:fs');
  });
});
