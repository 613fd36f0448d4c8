// STATE_STORE → a StateStore. The port itself lives in src/failover/ports.ts (the core depends on it,
// never on src/state/); it is re-exported here for the edges.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config.ts';
import type { StateStoreConfig } from '../config.ts';
import type { StateStore } from '../core/store.ts';
import { openAzureBlobStore } from './azblob-store.ts';
import { createMemoryStore } from './memory-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

export { ANY_ETAG, StoreConflictError, isStoreConflict } from '../core/store.ts';
export type { StateStore, StoreItem } from '../core/store.ts';
export { createMemoryStore } from './memory-store.ts';
export { openSqliteStore } from './sqlite-store.ts';
export { openAzureBlobStore, BlobStoreError } from './azblob-store.ts';

export const DEFAULT_STATE_STORE = 'sqlite:./data/state.db';
export const DEFAULT_AZURE_STORAGE_CONTAINER = 'iothub-oncall';

export interface StateStoreEnv {
  AZURE_STORAGE_CONNECTION_STRING?: string;
  AZURE_STORAGE_CONTAINER?: string;
}

const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parses STATE_STORE (+ the storage variables) without touching anything. Errors name the variable; never echo the connection string. */
export function parseStateStoreSpec(spec: string, env: StateStoreEnv): StateStoreConfig {
  const value = spec.trim() === '' ? DEFAULT_STATE_STORE : spec.trim();
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).trim();
    if (path === '') throw new ConfigError('STATE_STORE', "STATE_STORE=sqlite:PATH needs a file path, e.g. 'sqlite:./data/state.db'");
    return { kind: 'sqlite', path };
  }
  if (value === 'azblob') {
    const connectionString = (env.AZURE_STORAGE_CONNECTION_STRING ?? '').trim();
    if (connectionString === '') throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_CONNECTION_STRING is required when STATE_STORE=azblob');
    const container = (env.AZURE_STORAGE_CONTAINER ?? '').trim() || DEFAULT_AZURE_STORAGE_CONTAINER;
    if (!CONTAINER.test(container)) {
      throw new ConfigError(
        'AZURE_STORAGE_CONTAINER',
        `AZURE_STORAGE_CONTAINER must be a blob container name (3-63 lowercase letters, digits and single hyphens), got '${container.slice(0, 80)}'`,
      );
    }
    return { kind: 'azblob', connectionString, container };
  }
  throw new ConfigError('STATE_STORE', `STATE_STORE must be 'sqlite:PATH', 'azblob' or 'memory', got '${value.slice(0, 80)}'`);
}

/** Opens the store described by an already validated config (creates the SQLite folder). */
export async function openStateStore(config: StateStoreConfig): Promise<StateStore> {
  switch (config.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite': {
      const path = resolve(config.path);
      mkdirSync(dirname(path), { recursive: true });
      return openSqliteStore(path);
    }
    case 'azblob':
      return openAzureBlobStore(config.connectionString, config.container);
  }
}

/** `sqlite:PATH` | `azblob` | `memory` (tests only) → an open store. */
export async function createStateStore(spec: string, env: StateStoreEnv): Promise<StateStore> {
  return openStateStore(parseStateStoreSpec(spec, env));
}
