// The layers of workers/, lowest first: a module imports from its own layer or a lower one, never
// from a higher one, and no files import each other in a circle. Checked by
// test/unit/architecture.test.ts (and `npx depcruise workers` by hand).
const LAYERS = [
  ['domain', '^workers/domain/'],
  ['rules', '^workers/rules/'],
  ['policy', '^workers/policy/'],
  ['platform', '^workers/(config|log|metrics)\\.ts$'],
  ['runtime', '^workers/runtime/'],
  ['adapters', '^workers/adapters/'],
  ['registry', '^workers/registry/'],
  ['documents', '^workers/(documents|materials)/'],
  ['topics', '^workers/topics/'],
  ['services', '^workers/(applications|offices|deadlines)/'],
  ['http', '^workers/http/'],
  ['entry', '^workers/(cli/|main\\.ts$)'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} is below ${LAYERS.slice(i + 1).map(([n]) => n).join(', ')}: it must not import from them`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}));

module.exports = {

  forbidden: [
    ...upward,
    { name: 'no-circular', comment: 'files that import each other in a circle', severity: 'error', from: { path: '^workers/' }, to: { circular: true } },
    {
      name: 'every-file-in-a-layer',
      comment: 'each source file of workers/ belongs to one of the layers',
      severity: 'error',
      from: { path: '^workers/', pathNot: LAYERS.map(([, p]) => `(${p})`).join('|') },
      to: {},
    },
    {
      name: 'pure-rules',
      comment: 'domain/ and rules/ are pure: no file system, network, processes or clock of their own',
      severity: 'error',
      from: { path: '^workers/(domain|rules)/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|os)$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
