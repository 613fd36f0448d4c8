// The import graph's rules, type-only imports included (ESLint's rules read import lines, not the graph):
// `npm run lint` runs them after ESLint.
// src/teams/, bottom up: cards/, inbound/, messages/, then failover/ and message-action/ side by side, then
// alerts/ (its cards host the failover section), then bot.ts.
// A folder imports only the floors below it.
function teamsFloors() {
  const above = {
    cards: ['inbound', 'messages', 'failover', 'message-action', 'alerts'],
    inbound: ['messages', 'failover', 'message-action', 'alerts'],
    messages: ['failover', 'message-action', 'alerts'],
    failover: ['message-action', 'alerts'],
    'message-action': ['failover', 'alerts'],
    alerts: ['message-action'],
  };
  return Object.entries(above).map(([folder, higher]) => ({
    name: `teams-${folder}-imports-downward`,
    severity: 'error',
    comment: `src/teams/${folder}/ imports only what is below it (src/teams floors: cards, inbound, messages, failover | message-action, alerts, bot.ts)`,
    from: { path: `^src/teams/${folder}/` },
    to: { path: `^src/teams/(bot[.]ts$|(${higher.join('|')})/)` },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'one-door-into-failover',
      severity: 'error',
      comment: 'The failover workflow is used through src/failover/index.ts only: its service, types and ports.',
      from: { path: '^src/', pathNot: '^src/failover/' },
      to: { path: '^src/failover/', pathNot: '^src/failover/index[.]ts$' },
    },
    ...teamsFloors(),
    {
      name: 'alerts-core-below-the-edges',
      severity: 'error',
      comment: 'src/alerts/ is the alert core: it reaches Teams, Azure and the store through its ports, never their code.',
      from: { path: '^src/alerts/' },
      to: { path: '^src/(teams|http|azure|state|demo|sim|workers)/' },
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
