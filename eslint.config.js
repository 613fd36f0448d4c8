// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const botbuilder = { group: ['botbuilder', 'botbuilder-core', 'botframework-*'], message: 'botbuilder is used only in src/teams/.' };
const azure = { group: ['@azure/*'], message: '@azure/* is used only in src/azure/.' };
const io = { group: ['node:*', 'restify', 'pino', 'prom-client'], message: 'diagnosis/ and the failover workflow/policy are pure: no I/O.' };
const pipeline = { group: ['**/diagnosis/diagnose.ts', '**/workers/paste-diagnosis.ts'], message: 'The bot reads pastes through its PasteDiagnoser (worker threads, within a budget), never on the thread that answers Teams.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'docs/**', 'dist/**', '.tmp/**', 'devTools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  { files: ['.dependency-cruiser.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Layering from the design: botbuilder only in src/teams/, @azure/* only in src/azure/, a pure core.
  { files: ['src/**/*.ts'], rules: restrict(botbuilder, azure) },
  { files: ['src/teams/**/*.ts'], rules: restrict(azure, pipeline) },
  { files: ['src/azure/**/*.ts'], rules: restrict(botbuilder) },
  // One exception, on purpose: the blob state store is a state backend like SQLite (same keys, meta record and
  // contract tests), so it stays in src/state/ and talks to its container through the storage SDK itself.
  {
    files: ['src/state/azblob-store.ts'],
    rules: restrict(botbuilder, { group: ['@azure/*', '!@azure/storage-blob'], message: 'src/state/azblob-store.ts uses @azure/storage-blob only.' }),
  },
  { files: ['src/diagnosis/**/*.ts', 'src/failover/workflow*.ts', 'src/failover/policy*.ts'], rules: restrict(botbuilder, azure, io) },
  // The alert core's model: reading a payload, the incident, the routing (the service around it does the I/O).
  { files: ['src/alerts/{signal,parse,target,incident,subscriptions}.ts'], rules: restrict(botbuilder, azure, io) },
  // What everything shares depends on nothing of the project.
  { files: ['src/core/**/*.ts'], rules: restrict(botbuilder, azure, { regex: '^(\\.\\./|#src/)', message: 'src/core/ is the bottom of the house: it imports nothing of the project.' }) },
);
