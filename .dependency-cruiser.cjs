// Import rules for `npm run check` (issue 9, item 5): which part of src/ may import which.
// Run: npx depcruise src --config .dependency-cruiser.cjs
// The proof that a broken rule fails the check: tests/tooling/import-rules.test.ts.

/** Code that is the app, the server, the CLI or the workers: the pure core never imports it. */
const OUTER = '^src/(app|server|cli|worker)/';
/** The feature folders of src/app: each a part of the app a person uses (see the README's layout section). */
const FEATURES = '(auth|inspector|inspections|analysis|zones|search|settings|admin|import|export)';
/** The shared folders of src/app that every feature may import; they import no feature. */
const SHARED = '(ui|i18n|state|api|map|outbox)';

/** Libraries of the browser's UI (React, the map, drawing, the app's store). */
const UI_LIBRARIES =
  'node_modules/(react|react-dom|react-map-gl|@vis[.]gl|maplibre-gl|terra-draw[^/]*|zustand)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-outer',
      severity: 'error',
      comment:
        'src/geo and src/domain are the pure core, shared by the app, the server, the CLI and the workers: they never import any of them.',
      from: { path: '^src/(geo|domain|formats)/' },
      to: { path: OUTER },
    },
    {
      name: 'core-imports-node',
      severity: 'error',
      comment:
        'src/geo, src/domain and src/formats also run in the browser: no Node built-ins (node:fs, node:path, …).',
      from: { path: '^src/(geo|domain|formats)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-ui',
      severity: 'error',
      comment:
        'src/geo and src/domain also run in node (server, CLI, bench): no React, MapLibre or drawing library.',
      from: { path: '^src/(geo|domain|formats)/' },
      to: { path: UI_LIBRARIES },
    },
    {
      name: 'domain-imports-geo',
      severity: 'error',
      comment:
        'src/geo may import src/domain (the data model), never the reverse: the domain knows no geometry code.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(geo|formats)/' },
    },
    {
      name: 'server-or-cli-imports-app',
      severity: 'error',
      comment: 'The server and the CLI share src/geo and src/domain with the app, never the app itself.',
      from: { path: '^src/(server|cli)/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'app-imports-server-or-cli',
      severity: 'error',
      comment:
        'The app talks to the server over HTTP (src/app/api), never by importing its code or the CLI’s.',
      from: { path: '^src/app/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'core-circular',
      severity: 'error',
      comment: 'No import cycles inside src/geo and src/domain.',
      from: { path: '^src/(geo|domain)/' },
      to: { circular: true },
    },
    {
      name: 'app-circular',
      severity: 'error',
      comment:
        'No import cycles between modules of src/app. Cycles between its folders are not module cycles: scripts/app-folder-cycles.mjs fails on those.',
      from: { path: '^src/app/' },
      to: { circular: true },
    },
    {
      name: 'app-feature-imports-feature',
      severity: 'error',
      comment:
        'A feature folder of src/app imports ui, i18n, state, api, map, outbox, domain and geo, never another feature: when one needs another’s component, the shell passes it in (a prop or a slot).',
      from: { path: `^src/app/${FEATURES}/` },
      to: { path: `^src/app/${FEATURES}/`, pathNot: '^src/app/$1/' },
    },
    {
      name: 'app-shared-imports-feature',
      severity: 'error',
      comment:
        'The shared folders of src/app (ui, i18n, state, api, map, outbox) serve every feature and import none of them, nor the shell.',
      from: { path: `^src/app/${SHARED}/` },
      to: { path: `^src/app/(shell|${FEATURES.slice(1, -1)})/` },
    },
    {
      name: 'app-imports-shell',
      severity: 'error',
      comment:
        'src/app/shell is the composition root (the frame of the app, which renders each feature): nothing in src/app imports it.',
      from: { path: '^src/app/', pathNot: '^src/app/shell/' },
      to: { path: '^src/app/shell/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: a cycle or a forbidden layer through types is still a knot in the code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
