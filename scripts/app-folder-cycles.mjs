// Cycles between the folders of src/app (say map ↔ state), which dependency-cruiser's `circular` does not
// see: it finds cycles of modules, and two folders can import each other both ways without any module
// cycle. No folder cycle is allowed: any fails `npm run check`. A folder is the first one under src/app
// (zones/panel and zones/draw are both the zones feature); files directly in src/app are left out.
// Run: node scripts/app-folder-cycles.mjs
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** The folder of src/app a module belongs to, or null for files directly in src/app and outside it. */
function folderOf(path) {
  return /^src\/app\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** Folder → folder edges, each with the module imports behind it. */
function folderEdges(modules) {
  const edges = new Map();
  for (const module of modules) {
    const from = folderOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Map();
      edges.set(from, targets);
      targets.set(to, [...(targets.get(to) ?? []), `${module.source} → ${dependency.resolved}`]);
    }
  }
  return edges;
}

/** The strongly connected groups of two or more folders (Tarjan), each sorted. */
function folderCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

async function main() {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const tsConfig = extractTSConfig('tsconfig.json');
  const { output } = await cruise(['src/app'], { ...options, validate: false }, undefined, { tsConfig });
  const edges = folderEdges(output.modules);
  const cycles = folderCycles(edges);
  if (cycles.length === 0) {
    console.log('✔ no folder cycles in src/app');
    return;
  }
  for (const group of cycles) {
    console.error(`✘ app-folder-cycle: ${group.join(' ↔ ')}`);
    for (const from of group) {
      for (const [to, imports] of edges.get(from) ?? []) {
        if (group.includes(to)) for (const line of imports) console.error(`    ${line}`);
      }
    }
  }
  process.exitCode = 1;
}

await main();
