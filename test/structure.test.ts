// The layout docs/architecture.md promises ("Where things live"): rule areas stand alone, and only the
// engine and the registry sit at the top of src/rules.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RULES = join(ROOT, 'src/rules');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
}

describe('src/rules', () => {
  it('holds only the engine, the registry and rule areas at its top', () => {
    const files = readdirSync(RULES, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
    expect(files, 'shared readers belong in src/model (docs/architecture.md)').toEqual([
      'define.ts',
      'engine.test.ts',
      'engine.ts',
      'index.ts',
    ]);
  });

  it('has no module that imports another rule area', () => {
    const crossings: string[] = [];
    for (const area of readdirSync(RULES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const dir = join(RULES, area.name);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        for (const spec of importsOf(join(dir, file))) {
          const target = relative(RULES, resolve(dir, spec));
          const [top] = target.split('/');
          if (!target.startsWith('..') && target.includes('/') && top !== area.name)
            crossings.push(`src/rules/${area.name}/${file} imports ${spec}`);
        }
      }
    }
    expect(crossings, 'move what two areas share into src/model').toEqual([]);
  });

  it('keeps src/model free of rule imports: readers do not depend on rules', () => {
    const model = join(ROOT, 'src/model');
    const back: string[] = [];
    for (const file of readdirSync(model).filter((f) => f.endsWith('.ts'))) {
      for (const spec of importsOf(join(model, file)))
        if (relative(ROOT, resolve(model, spec)).startsWith('src/rules'))
          back.push(`src/model/${file} imports ${spec}`);
    }
    expect(back).toEqual([]);
  });
});
