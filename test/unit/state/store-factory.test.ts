import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '#src/config.ts';
import { openStateStore } from '#src/state/store.ts';

/** STATE_STORE (and the storage variables) as config.ts parses them: the one parser. */
function parseStateStore(spec: string, env: Record<string, string> = {}) {
  return loadConfig({ ...env, STATE_STORE: spec }).stateStore;
}

const SECRET_CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;EndpointSuffix=core.windows.net';

function configError(run: () => unknown, variable: string): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.variable, variable);
    assert.ok(error.message.includes(variable));
    assert.ok(!error.message.includes('c2VjcmV0'), 'the connection string must never be echoed');
    return error;
  }
  assert.fail(`expected a ConfigError about ${variable}`);
}

describe('openStateStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-factory-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('memory', async () => {
    const store = await openStateStore(parseStateStore('memory'));
    assert.equal(store.kind, 'memory');
    await store.close();
  });

  it('sqlite:PATH creates the folder and the file', async () => {
    const path = join(dir, 'nested', 'deeper', 'state.db');
    const store = await openStateStore(parseStateStore(`sqlite:${path}`));
    assert.equal(store.kind, 'sqlite');
    await store.create('k', { v: 1 });
    assert.ok(existsSync(path));
    await store.close();
  });

  it('azblob opens without touching the network', async () => {
    const store = await openStateStore(parseStateStore('azblob', { AZURE_STORAGE_CONNECTION_STRING: SECRET_CONNECTION, AZURE_STORAGE_CONTAINER: 'my-state' }));
    assert.equal(store.kind, 'azblob');
    await store.close();
  });
});

describe('STATE_STORE', () => {
  it('defaults to the embedded SQLite file and the iothub-oncall container', () => {
    assert.deepEqual(parseStateStore(''), { kind: 'sqlite', path: './data/state.db' });
    assert.deepEqual(parseStateStore('azblob', { AZURE_STORAGE_CONNECTION_STRING: SECRET_CONNECTION }), {
      kind: 'azblob',
      connectionString: SECRET_CONNECTION,
      container: 'iothub-oncall',
    });
  });

  it('names the missing or bad variable, never the connection string', () => {
    configError(() => parseStateStore('azblob'), 'AZURE_STORAGE_CONNECTION_STRING');
    configError(() => parseStateStore('azblob', { AZURE_STORAGE_CONNECTION_STRING: '  ' }), 'AZURE_STORAGE_CONNECTION_STRING');
    configError(() => parseStateStore('azblob', { AZURE_STORAGE_CONNECTION_STRING: SECRET_CONNECTION, AZURE_STORAGE_CONTAINER: 'Bad_Name' }), 'AZURE_STORAGE_CONTAINER');
    configError(() => parseStateStore('sqlite:'), 'STATE_STORE');
    const unknown = configError(() => parseStateStore('redis://x'), 'STATE_STORE');
    assert.match(unknown.message, /sqlite:PATH/);
  });
});
