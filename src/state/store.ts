// The configured state store (Config.stateStore, parsed from STATE_STORE by config.ts) → an open StateStore.
// The port itself is src/core/store.ts.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StateStoreConfig } from '../config.ts';
import type { StateStore } from '../core/store.ts';
import { openAzureBlobStore } from './azblob-store.ts';
import { createMemoryStore } from './memory-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

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
