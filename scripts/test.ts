// `npm test`: type-check, lint (ESLint, then the import graph: no cycles), then every test suite (unit, end-to-end, browser), stopping at the first failure.
import { spawnSync } from 'node:child_process';

interface Step { name: string; command: string; args: string[] }

const steps: Step[] = [
  { name: 'typecheck', command: 'npx', args: ['--no-install', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: 'npx', args: ['--no-install', 'eslint', '--max-warnings=0', '.'] },
  { name: 'imports', command: 'npx', args: ['--no-install', 'depcruise', '--config', '.dependency-cruiser.cjs', 'src', 'test', 'bench', 'scripts'] },
  { name: 'unit', command: process.execPath, args: ['--test', '--test-concurrency=2', 'test/unit/**/*.test.ts'] },
  { name: 'e2e', command: process.execPath, args: ['--test', '--test-concurrency=1', 'test/e2e/**/*.test.ts'] },
  { name: 'browser', command: process.execPath, args: ['--test', '--test-concurrency=1', 'test/browser/**/*.test.ts'] },
];

const only = process.argv.slice(2);
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n=== ${step.name} FAILED after ${seconds}s ===\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`=== ${step.name} passed in ${seconds}s ===\n`);
}
