import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR, generateFiles } from './generate';

describe('generated codec', () => {
  it('is exactly what the generator writes from the checked-in specs (run codegen/generate.ts after changing either)', () => {
    const expected = generateFiles();
    const onDisk = readdirSync(OUT_DIR).sort();
    expect(onDisk).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) {
      expect({ name, content: readFileSync(join(OUT_DIR, name), 'utf8') }).toEqual({ name, content });
    }
  });
});
