import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The broker's folders depend on each other in one direction only (docs/architecture.md): server knows neither
 * storage nor coordinator, storage knows server, coordinator knows both. A folder-level cycle is how a layout
 * starts to tangle, so this fails on the first one. Specs are left out: a module's spec may wire its parent.
 */
const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/** Folder (relative to src, '.' for the root) -> the folders its files import from. */
export function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = relative(SRC, dirname(file)) || '.';
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']*)'/g)) {
      const target = resolveImport(file, specifier);
      if (!target) continue;
      const to = relative(SRC, dirname(target)) || '.';
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** One cycle as a path of folders (first = last), or undefined when the graph has none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('broker folder dependencies', () => {
  it('finds a cycle when there is one, and none in a chain', () => {
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set<string>()]]))).toBeUndefined();
  });

  it('has no import cycle between folders of apps/broker/src', () => {
    expect(findCycle(folderGraph(sourceFiles(SRC)))).toBeUndefined();
  });

  it('keeps server free of storage and coordinator, and storage free of coordinator', () => {
    const graph = folderGraph(sourceFiles(SRC));
    const reaches = (from: string, prefix: string) => [...graph.entries()].some(([node, edges]) => (node === from || node.startsWith(`${from}/`)) && [...edges].some((to) => to === prefix || to.startsWith(`${prefix}/`)));
    expect(reaches('server', 'storage')).toBe(false);
    expect(reaches('server', 'coordinator')).toBe(false);
    expect(reaches('storage', 'coordinator')).toBe(false);
  });
});
