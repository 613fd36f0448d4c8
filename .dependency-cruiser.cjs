// The import graph's rules, type-only imports included (ESLint's rules read import lines, not the graph):
// `npm run lint` runs them after ESLint.
module.exports = {
  forbidden: [
    {
      name: 'one-door-into-failover',
      severity: 'error',
      comment: 'The failover workflow is used through src/failover/index.ts only: its service, types and ports.',
      from: { path: '^src/', pathNot: '^src/failover/' },
      to: { path: '^src/failover/', pathNot: '^src/failover/index[.]ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other have no bottom to read them from: move what they share down.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], conditionNames: ['import', 'node', 'default'] },
  },
};
