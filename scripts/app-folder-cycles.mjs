// Cycles between the folders of src/app (panels ↔ inspections, …), which dependency-cruiser's `circular`
// does not see: it finds cycles of modules, and src/app has none, but its folders still import each other
// both ways. Until issue 9's feature folders land, the folder cycles of today are allowed and any other
// (a new one, or one grown by a folder) fails `npm run check`. Files directly in src/app (i18n.ts,
// format.ts, …) are shared helpers, not a feature: they are left out.
// Run: node scripts/app-folder-cycles.mjs
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** The folder cycles of today (issue 9 lists panels↔inspections, panels↔auth, draw↔zones). */
const KNOWN_CYCLES = [
  ['auth', 'inspections', 'panels'],
  ['draw', 'zones'],
];

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

/** The cycles that are not within one of today's: each a new knot. */
function newCycles(groups, known = KNOWN_CYCLES) {
  return groups.filter(
    (group) => !known.some((allowed) => group.every((folder) => allowed.includes(folder))),
  );
}

async function main() {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const tsConfig = extractTSConfig('tsconfig.json');
  const { output } = await cruise(['src/app'], { ...options, validate: false }, undefined, { tsConfig });
  const edges = folderEdges(output.modules);
  const fresh = newCycles(folderCycles(edges));
  if (fresh.length === 0) {
    console.log('✔ no new folder cycles in src/app');
    return;
  }
  for (const group of fresh) {
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
