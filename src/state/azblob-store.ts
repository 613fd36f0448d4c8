// Azure Blob Storage through botbuilder-azure-blobs' BlobsStorage, for several bot instances sharing one
// container. What BlobsStorage 4.23.3 does (read in node_modules/botbuilder-azure-blobs/lib/blobsStorage.js):
// - read(keys): GET per blob; a 404 is "absent"; the value is the parsed JSON plus `eTag` = the blob's ETag.
// - write(changes): PUT per blob with `conditions: { ifMatch: eTag }` whenever eTag is a string other than
//   '*'. A missing eTag defaults to '' and is sent as an EMPTY If-Match header (Azurite ignores it; we never
//   rely on that and send '*' for unconditional writes, which sends no condition at all). A 412 becomes a plain
//   `Error('Storage: error writing "<key>" due to eTag conflict.')`; If-Match on a blob that does not exist is
//   also a 412 (Azurite) — a 404 is treated the same in case the service answers that way.
// - delete(keys): unconditional, 404 ignored.
// - Blob names are encodeURIComponent(key) (sanitizeBlobKey), so '/' in keys stays a flat name.
// - The container is created once per instance (createIfNotExists) and a failure of that is cached forever:
//   we build a fresh BlobsStorage when that first call fails, so a store that was unreachable at start-up
//   recovers.
// BlobsStorage cannot express create-if-absent (no If-None-Match). Unconditional writes cannot be fenced,
// so no protocol over its public API can make "first writer wins" safe. create() therefore uses the SAME
// container client BlobsStorage built (same connection string, pipeline and retry policy) for one call:
// an upload with `ifNoneMatch: '*'` (409 BlobAlreadyExists / 412 → StoreConflictError 'exists'). The client
// is a private field; we check its shape at construction and fail loudly if a botbuilder release changes it.
// listKeys (housekeeping) lists blobs by name prefix through the same client: a listing carries each blob's
// Last-Modified, so no document is downloaded to learn its age.
//
// Integrity: the first call that reaches the container writes the meta record if it is absent (a new
// container, or one filled by a version that wrote none); the readiness check reads it back and parses it.
import { Buffer } from 'node:buffer';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey.js';
import { ANY_ETAG, StoreConflictError } from '../core/store.ts';
import type { StateStore, StoreItem, WrittenKey } from '../core/store.ts';
import { assertValidKey } from './keys.ts';
import { STORE_META_KEY, checkStoreMeta, newStoreMeta } from './meta.ts';

/** The document as stored in the blob: the value under one property, so no value field can collide with eTag. */
interface BlobDocument {
  doc: unknown;
}

interface UploadOptions {
  conditions: { ifNoneMatch: string };
  blobHTTPHeaders: { blobContentType: string };
}

interface ListedBlob {
  name: string;
  properties: { lastModified?: Date };
}

interface ContainerClientLike {
  getBlockBlobClient(name: string): { upload(body: string, contentLength: number, options: UploadOptions): Promise<unknown> };
  listBlobsFlat(options: { prefix: string }): AsyncIterable<ListedBlob>;
}

function isContainerClientLike(value: unknown): value is ContainerClientLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'getBlockBlobClient') === 'function' &&
    typeof Reflect.get(value, 'listBlobsFlat') === 'function'
  );
}

function containerClientOf(storage: BlobsStorage): ContainerClientLike {
  const client: unknown = Reflect.get(storage, '_containerClient');
  if (!isContainerClientLike(client)) {
    throw new Error('botbuilder-azure-blobs: BlobsStorage no longer exposes its container client; create-if-absent is unavailable');
  }
  return client;
}

/** The key a blob was written under (its name is the URI-encoded key); null for a name no key gives. */
function keyOfBlob(name: string): string | null {
  try {
    return decodeURIComponent(name);
  } catch {
    return null;
  }
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = Reflect.get(error, 'statusCode');
  return typeof status === 'number' ? status : null;
}

function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /due to eTag conflict/.test(error.message);
}

/** SDK errors carry the request (URL, headers); keep only what is safe to log: status, code, first line. */
export class BlobStoreError extends Error {
  readonly statusCode: number | null;
  readonly code: string | null;
  constructor(operation: string, error: unknown) {
    const statusCode = statusOf(error);
    const rawCode = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    const code = typeof rawCode === 'string' ? rawCode : null;
    const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const safe = firstLine.replace(/(AccountKey|SharedAccessSignature|sig)=[^;&\s]+/gi, '$1=***').slice(0, 200);
    super(`azblob ${operation} failed${statusCode !== null ? ` (HTTP ${statusCode}${code ? ` ${code}` : ''})` : code ? ` (${code})` : ''}: ${safe}`);
    this.name = 'BlobStoreError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

export interface AzureBlobStoreOptions {
  /** Tries per request (the storage SDK retries 5xx and network errors). */
  maxTries?: number;
}

export function openAzureBlobStore(connectionString: string, container: string, options: AzureBlobStoreOptions = {}): StateStore {
  const make = (): BlobsStorage =>
    new BlobsStorage(connectionString, container, {
      storagePipelineOptions: { retryOptions: { maxTries: options.maxTries ?? 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000, tryTimeoutInMs: 15_000 } },
    });
  let storage = make();
  containerClientOf(storage);
  let ready: Promise<void> | null = null;

  /** An upload with If-None-Match: * (create-if-absent); false when the blob already exists. */
  const uploadIfAbsent = async (key: string, value: unknown): Promise<boolean> => {
    const body = JSON.stringify({ doc: value } satisfies BlobDocument);
    try {
      await containerClientOf(storage)
        .getBlockBlobClient(sanitizeBlobKey(key))
        .upload(body, Buffer.byteLength(body), { conditions: { ifNoneMatch: '*' }, blobHTTPHeaders: { blobContentType: 'application/json' } });
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return false;
      throw error;
    }
  };

  // BlobsStorage creates the container on its first call and caches that promise, even a rejected one.
  const ensureReady = (): Promise<void> => {
    if (!ready) {
      // The meta record is created only where absent (one conditional PUT per process), never read here:
      // a damaged one must fail the readiness check, not every read and write.
      const attempt = storage.read([]).then(() => uploadIfAbsent(STORE_META_KEY, newStoreMeta(Date.now()))).then(() => undefined);
      ready = attempt.catch((error: unknown) => {
        storage = make();
        ready = null;
        throw new BlobStoreError('container check', error);
      });
    }
    return ready;
  };

  const readMany = async <T>(keys: readonly string[]): Promise<Map<string, StoreItem<T>>> => {
    keys.forEach(assertValidKey);
    await ensureReady();
    let items: Record<string, unknown>;
    try {
      items = await storage.read([...keys]);
    } catch (error) {
      throw new BlobStoreError('read', error);
    }
    const found = new Map<string, StoreItem<T>>();
    for (const key of keys) {
      const item = items[key];
      if (typeof item !== 'object' || item === null) continue;
      const eTag: unknown = Reflect.get(item, 'eTag');
      if (typeof eTag !== 'string' || !('doc' in item)) continue;
      found.set(key, { value: Reflect.get(item, 'doc') as T, eTag });
    }
    return found;
  };

  return {
    kind: 'azblob',
    read: readMany,
    async get<T>(key: string) {
      return (await readMany<T>([key])).get(key);
    },
    async write<T>(key: string, value: T, eTag: string) {
      assertValidKey(key);
      await ensureReady();
      const document: BlobDocument = { doc: value };
      try {
        // ANY_ETAG is '*', which BlobsStorage sends as no condition at all.
        await storage.write({ [key]: { ...document, eTag } });
      } catch (error) {
        if (isETagConflict(error) || (eTag !== ANY_ETAG && statusOf(error) === 404)) throw new StoreConflictError(key, 'etag-mismatch');
        throw new BlobStoreError('write', error);
      }
    },
    async create<T>(key: string, value: T) {
      assertValidKey(key);
      await ensureReady();
      let created: boolean;
      try {
        created = await uploadIfAbsent(key, value);
      } catch (error) {
        throw new BlobStoreError('create', error);
      }
      if (!created) throw new StoreConflictError(key, 'exists');
    },
    async delete(key: string) {
      assertValidKey(key);
      await ensureReady();
      try {
        await storage.delete([key]);
      } catch (error) {
        throw new BlobStoreError('delete', error);
      }
    },
    async listKeys(prefix, written) {
      await ensureReady();
      const found: WrittenKey[] = [];
      try {
        // Blob names are encodeURIComponent(key) (see the header), so the prefix is encoded the same way.
        for await (const blob of containerClientOf(storage).listBlobsFlat({ prefix: encodeURIComponent(prefix) })) {
          const writtenAt = blob.properties.lastModified?.getTime();
          if (writtenAt === undefined || writtenAt < written.from || writtenAt >= written.to) continue;
          const key = keyOfBlob(blob.name);
          if (key?.startsWith(prefix)) found.push({ key, writtenAt });
        }
      } catch (error) {
        throw new BlobStoreError('list', error);
      }
      return found.sort((a, b) => a.writtenAt - b.writtenAt || (a.key < b.key ? -1 : 1));
    },
    async ping() {
      await ensureReady();
      const meta = (await readMany([STORE_META_KEY])).get(STORE_META_KEY);
      if (!meta) throw new Error('store: the meta record is missing');
      checkStoreMeta(meta.value);
    },
    async close() {
      // BlobsStorage holds no resources beyond keep-alive sockets, which do not keep the process alive.
    },
  };
}
