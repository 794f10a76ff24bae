import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const MODULES = dirname(fileURLToPath(import.meta.url));

/** Every source file (not a spec) under modules/, with the module folder it belongs to. */
const sources = (): { file: string; module: string; text: string }[] =>
  readdirSync(MODULES, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.split(sep).includes('testing'))
    .map((file) => ({
      file,
      module: relative(MODULES, file).split(sep)[0] as string,
      text: readFileSync(file, 'utf8'),
    }));

const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** Which module folders each module folder imports from. */
const moduleGraph = (): Map<string, Set<string>> => {
  const graph = new Map<string, Set<string>>();
  for (const { file, module, text } of sources()) {
    const edges = graph.get(module) ?? new Set<string>();
    graph.set(module, edges);
    for (const [, source] of text.matchAll(IMPORT)) {
      const target = relative(MODULES, resolve(dirname(file), source as string));
      const to = target.split(sep)[0] as string;
      if (!target.startsWith('..') && to !== module) edges.add(to);
    }
  }
  return graph;
};

/** A cycle of modules, or null. */
const findCycle = (graph: Map<string, Set<string>>): string[] | null => {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
};

describe('the feature modules', () => {
  it('import one another without a cycle: the workflow sits above the file library, never the other way', () => {
    const graph = moduleGraph();
    expect(graph.get('applications')).toContain('files');
    expect(graph.get('files')).not.toContain('applications');
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a cycle where there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('none is global: each imports what it uses', () => {
    const global = sources().filter(({ text }) => /@Global\(\)|global:\s*true/.test(text));
    expect(global.map((s) => relative(MODULES, s.file))).toEqual([]);
  });
});
