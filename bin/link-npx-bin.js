#!/usr/bin/env node
// Run by npm after `npm ci` / `npm install` (the "prepare" script): links bin/iothub-oncall.js into
// node_modules/.bin. npm links the bins of dependencies there, never the project's own; and when the project's
// package.json declares the bin itself, npm 11's npx installs the project into its npx cache on every call,
// after reading the whole dependency tree (about 2 s here). With the link and no "bin" in package.json, npx
// finds the command in node_modules/.bin and runs it at once.
import { chmodSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMAND = 'iothub-oncall';
const TARGET = '../../bin/iothub-oncall.js';

/** Links the command in `root`/node_modules/.bin (idempotent); returns the link's path. */
export function linkNpxBin(root) {
  const binDir = join(root, 'node_modules', '.bin');
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, COMMAND);
  if (process.platform === 'win32') {
    // Windows: npx looks for the command file and runs it through cmd; a .cmd shim beside a sh one, as npm writes.
    writeFileSync(link, `#!/bin/sh\nexec node "$(dirname "$0")/${TARGET}" "$@"\n`);
    writeFileSync(`${link}.cmd`, `@node "%~dp0\\${TARGET.replaceAll('/', '\\')}" %*\r\n`);
    return link;
  }
  let current = null;
  try {
    current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : '';
  } catch {
    current = null;
  }
  if (current === TARGET) return link;
  if (current !== null) rmSync(link, { force: true });
  symlinkSync(TARGET, link);
  chmodSync(join(root, 'bin', 'iothub-oncall.js'), 0o755);
  return link;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  linkNpxBin(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
