// A diagnosis worker loads the diagnosis core and nothing else: no botbuilder, no Azure SDK, no logger, no
// cards. Checked on the module graph the worker's entry point pulls in at run time (type-only imports are
// erased by type stripping and are skipped).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ENTRY = resolve(ROOT, 'src/workers/diagnosis-worker.ts');
/** import … from '…' and export … from '…', but not import type / export type. */
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[\s\S]*?\sfrom\s+)?'([^']+)'/gm;

function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith('.ts')) return;
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() };
}

it('the diagnosis worker loads only the diagnosis core, its protocol and node:worker_threads', () => {
  const { files, packages } = runtimeGraph(ENTRY);
  assert.deepEqual(packages, ['node:worker_threads']);
  const outside = files.filter((file) => !file.startsWith('src/diagnosis/') && !['src/workers/diagnosis-worker.ts', 'src/workers/paste-diagnosis.ts', 'src/workers/protocol.ts'].includes(file));
  assert.deepEqual(outside, []);
  assert.ok(files.includes('src/diagnosis/diagnose.ts') && files.includes('src/diagnosis/redact.ts'), files.join(', '));
});

it('the graph walk does see what the bot itself loads (guards the check above)', () => {
  const { files, packages } = runtimeGraph(resolve(ROOT, 'src/main.ts'));
  assert.ok(packages.includes('botbuilder') && packages.includes('pino'), packages.join(', '));
  assert.ok(files.includes('src/teams/messages/replies.ts'));
});
