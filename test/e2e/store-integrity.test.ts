// The state store's integrity through the running bot: an existing store file that is empty or damaged
// stops the start with one clear line naming STATE_STORE (and is left as it was), a brand-new path starts a
// new store, damage while running turns /readyz 503, and so does an azblob store whose meta record is not
// this bot's (Azurite).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAzureBlobStore } from '#src/state/azblob-store.ts';
import { STORE_META_KEY } from '#src/state/meta.ts';
import { ANY_ETAG } from '#src/core/store.ts';
import { startAzurite } from '#test/support/azurite.ts';
import { filledSqliteStore, garbleMiddlePages } from '#test/support/damaged-sqlite.ts';
import type { Azurite } from '#test/support/azurite.ts';
import { spawnProjectNode, TEST_BOT_ENV } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { e2eStack, inProcessSimulator, simulatorEnv } from '#test/support/e2e-stack.ts';

interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

describe('state store integrity', () => {
  const stack = e2eStack({ simulator: inProcessSimulator('healthy'), startSuiteBot: false });
  const start = (env: Record<string, string>): Promise<BotProcess> => stack.startBot(env);
  let azurite: Azurite;
  let dir: string;

  /** Starts the bot on this store and expects it to refuse: exit 1, one line on stderr, a fatal log line. */
  async function refusedStart(env: Record<string, string>): Promise<string> {
    const running = spawnProjectNode(['src/main.ts'], { ...TEST_BOT_ENV, ...simulatorEnv(stack.sim), ...env });
    // 'close', not 'exit': then stdout and stderr have been read to their end.
    const closed = once(running.child, 'close');
    const exit = await running.exited;
    await closed;
    assert.equal(exit.code, 1);
    const stderr = running.stderr().trim();
    assert.equal(stderr.split('\n').length, 1, `one line: ${stderr}`);
    assert.doesNotMatch(stderr, /\bat \S+ \(|node:internal/);
    assert.ok(running.stdout().split('\n').some((line) => line.includes('"level":"fatal"') && line.includes('"variable":"STATE_STORE"')));
    return stderr;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-store-integrity-'));
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an existing 0-byte store file: refused at start, naming STATE_STORE, and not re-created', async () => {
    const path = join(dir, 'truncated.db');
    writeFileSync(path, '');
    const stderr = await refusedStart({ STATE_STORE: `sqlite:${path}` });
    assert.match(stderr, /^IoT Hub On-Call failed to start: STATE_STORE \(.*truncated\.db\): the file exists but is empty \(0 bytes\)/);
    assert.equal(statSync(path).size, 0);
  });

  it('a store file with garbage in its middle pages: refused at start (quick_check)', async () => {
    const path = join(dir, 'damaged.db');
    await (await filledSqliteStore(path, 200)).close();
    garbleMiddlePages(path);
    const stderr = await refusedStart({ STATE_STORE: `sqlite:${path}` });
    assert.match(stderr, /STATE_STORE \(.*damaged\.db\): the file is damaged \(SQLite quick_check: /);
  });

  it('a brand-new path: a new store is created and the bot is ready', async () => {
    const path = join(dir, 'new', 'state.db');
    assert.ok(!existsSync(path));
    const bot = await start({ STATE_STORE: `sqlite:${path}` });
    const ready = await fetch(`${bot.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(((await ready.json()) as Readiness).checks['state'], { ok: true, detail: 'sqlite' });
    assert.ok(statSync(path).size > 0);
  });

  it('garbage written into the store while the bot runs: /readyz 503 on the state check (ARM still fine)', async () => {
    const path = join(dir, 'damaged-live.db');
    await (await filledSqliteStore(path, 200)).close();
    const bot = await start({ STATE_STORE: `sqlite:${path}` });
    garbleMiddlePages(path);
    const ready = await fetch(`${bot.url}/readyz`);
    const body = (await ready.json()) as Readiness;
    assert.equal(ready.status, 503, JSON.stringify(body));
    assert.deepEqual(body.checks['state'], { ok: false, detail: 'check failed' });
    assert.equal(body.checks['arm']?.ok, true);
  });

  it('azblob: a new container gets its meta record and is ready; a container whose meta record is not this bot’s is not', async () => {
    const env = (container: string): Record<string, string> => ({ STATE_STORE: 'azblob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container });
    const healthy = await start(env('integrity-new'));
    assert.equal((await fetch(`${healthy.url}/readyz`)).status, 200);
    const created = await openAzureBlobStore(azurite.connectionString, 'integrity-new').get<{ app: string }>(STORE_META_KEY);
    assert.equal(created?.value.app, 'iothub-oncall');

    const foreign = openAzureBlobStore(azurite.connectionString, 'integrity-foreign');
    await foreign.write(STORE_META_KEY, { app: 'another-application', schema: 1, createdAt: '2026-01-01T00:00:00.000Z' }, ANY_ETAG);
    const bot = await start(env('integrity-foreign'));
    const ready = await fetch(`${bot.url}/readyz`);
    const body = (await ready.json()) as Readiness;
    assert.equal(ready.status, 503, JSON.stringify(body));
    assert.deepEqual(body.checks['state'], { ok: false, detail: 'check failed' });
    assert.equal((await foreign.get<{ app: string }>(STORE_META_KEY))?.value.app, 'another-application', 'the bot did not overwrite it');
  });
});
