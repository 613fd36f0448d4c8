import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readZip } from '../../../scripts/manifest/zip.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const node = join(repoRoot, 'node_modules', '.bin', 'node');
const script = join(repoRoot, 'scripts', 'package-manifest.ts');
const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

const workDir = mkdtempSync(join(tmpdir(), 'oncall-cli-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the script from an empty folder (so no developer .env is picked up) with only the given variables. */
function runPackager(vars: Record<string, string>, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(node, [script, ...args], {
    cwd: workDir,
    env: { PATH: process.env['PATH'] ?? '', HOME: workDir, ...vars },
    encoding: 'utf8',
  });
}

describe('npm run package (scripts/package-manifest.ts)', () => {
  it('exits 0 and writes the zip to --out', () => {
    const out = join(workDir, 'dist', 'appPackage.zip');
    const result = runPackager({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'oncall.example.com' }, ['--out', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(out));
    assert.deepEqual(readZip(readFileSync(out)).map((entry) => entry.name).sort(), ['color.png', 'fr-fr.json', 'manifest.json', 'outline.png']);
    assert.match(result.stdout, /Teams app package written to/);
    assert.match(result.stderr, /TEAMS_APP_ID not set: using [0-9a-f-]{36}, derived from MicrosoftAppId/);
  });

  it('reads variables from --env-file and defaults to build/appPackage.zip in the working folder', () => {
    const envFile = join(workDir, 'packaging.env');
    writeFileSync(envFile, `MicrosoftAppId=${BOT_ID}\nBOT_DOMAIN=oncall.example.com\nTEAMS_APP_ID=a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d\n`);
    const result = runPackager({}, ['--env-file', envFile]);
    assert.equal(result.status, 0, result.stderr);
    const manifest = readZip(readFileSync(join(workDir, 'build', 'appPackage.zip'))).find((entry) => entry.name === 'manifest.json');
    assert.equal((JSON.parse(manifest?.data.toString('utf8') ?? '{}') as { id?: string }).id, 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d');
  });

  it('exits 1 and names the missing variable on stderr', () => {
    const out = join(workDir, 'missing', 'appPackage.zip');
    const result = runPackager({ BOT_DOMAIN: 'oncall.example.com' }, ['--out', out]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /MicrosoftAppId is not set/);
    assert.ok(!existsSync(out), 'no package is written');
  });

  it('exits 1 and names an invalid variable on stderr', () => {
    const result = runPackager({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'https://oncall.example.com/api/messages' }, ['--out', join(workDir, 'bad', 'x.zip')]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /BOT_DOMAIN must be a host name without scheme/);
  });
});
