#!/usr/bin/env node
// Entry point of `npx iothub-oncall`. The CLI is TypeScript run by Node's built-in type stripping
// (Node >= 22.18). Started through npx, `node` is the Node the project pins (npx puts node_modules/.bin,
// where npm links it, first on PATH), so the CLI runs in this one process. Started by an older Node (the
// machine's Node 20, called directly), it runs the CLI with the pinned Node instead.
//
// Startup is most of a one-line paste's diagnosis: stripping the types of some forty modules costs more than
// the diagnosis itself. Node's compile cache keeps the result (keyed by each file's content, so an edit is
// never served stale), in node_modules/.cache like other tools' caches; if it cannot be written, the CLI
// just starts slower.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'src', 'cli.ts');
const compileCache = join(root, 'node_modules', '.cache', 'iothub-oncall-compile');
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (supported) {
  module.enableCompileCache?.(compileCache);
  const { main } = await import(pathToFileURL(cli).href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    process.stderr.write(`iothub-oncall needs Node 22.18 or later (this is ${process.version}); run npm ci first.\n`);
    process.exit(2);
  }
  const result = spawnSync(pinned, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, NODE_COMPILE_CACHE: compileCache } });
  process.exit(result.status ?? 1);
}
