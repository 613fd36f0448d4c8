// Azure Blob Storage, for several bot instances sharing one container: one blob per key, through the storage
// SDK's ContainerClient, with the service's own conditions. A write is an upload with If-Match: <eTag> (none
// for ANY_ETAG), a create an upload with If-None-Match: *; the service answers 412 ConditionNotMet (or 404
// BlobNotFound, 409 BlobAlreadyExists), which become StoreConflictError. Only this file of src/state/ uses
// @azure/* (eslint.config.js): the store is a state backend like SQLite, sharing its keys and meta record.
//
// Blobs are named and shaped as botbuilder-azure-blobs' BlobsStorage wrote them, which this store used
// before, so a container it filled is read as it is: the name is the URI-encoded key (see blobNameOf), the
// body `{ "doc": <value> }` (the value under one property, so no value field can collide with the eTag).
// listKeys (housekeeping) lists blobs by name prefix: a listing carries each blob's Last-Modified, so no
// document is downloaded to learn its age.
//
// The container is created on first use; should that fail (storage unreachable at start-up), the next call
// tries again. The first call that reaches the container also writes the meta record if it is absent (a new
// container, or one filled by a version that wrote none); the readiness check reads it back and parses it.
import { Buffer } from 'node:buffer';
import { text } from 'node:stream/consumers';
import { ContainerClient, RestError } from '@azure/storage-blob';
import { ANY_ETAG, StoreConflictError } from '../core/store.ts';
import type { StateStore, StoreItem, WrittenKey } from '../core/store.ts';
import { assertValidKey } from './keys.ts';
import { STORE_META_KEY, checkStoreMeta, newStoreMeta } from './meta.ts';

/** The document as stored in the blob. */
interface BlobDocument {
  doc: unknown;
}

/**
 * The blob a key is stored in: the key URI-encoded (so '/' stays a flat name), at most 1024 characters, as
 * botbuilder-azure-blobs' sanitizeBlobKey named it (its dropping of empty path segments never applies: a
 * valid key has none, see keys.ts).
 */
function blobNameOf(key: string): string {
  return encodeURIComponent(key).slice(0, 1024);
}

/** The key a blob was written under; null for a name no key gives. */
function keyOfBlob(name: string): string | null {
  try {
    return decodeURIComponent(name);
  } catch {
    return null;
  }
}

function statusOf(error: unknown): number | null {
  return error instanceof RestError ? (error.statusCode ?? null) : null;
}

/** The service's error code (ConditionNotMet, BlobNotFound, BlobAlreadyExists…), or the SDK's. */
function codeOf(error: unknown): string | null {
  return error instanceof RestError ? (error.code ?? null) : null;
}

/** SDK errors carry the request (URL, headers); keep only what is safe to log: status, code, first line. */
export class BlobStoreError extends Error {
  readonly statusCode: number | null;
  readonly code: string | null;
  constructor(operation: string, error: unknown) {
    const statusCode = statusOf(error);
    const code = codeOf(error);
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
  const client = new ContainerClient(connectionString, container, {
    retryOptions: { maxTries: options.maxTries ?? 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000, tryTimeoutInMs: 15_000 },
  });
  let ready: Promise<void> | null = null;

  const upload = (key: string, value: unknown, conditions: { ifMatch: string } | { ifNoneMatch: '*' } | undefined): Promise<unknown> => {
    const body = JSON.stringify({ doc: value } satisfies BlobDocument);
    return client.getBlockBlobClient(blobNameOf(key)).upload(body, Buffer.byteLength(body), {
      ...(conditions ? { conditions } : {}),
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  };

  /** An upload with If-None-Match: * (create-if-absent); false when the blob already exists. */
  const uploadIfAbsent = async (key: string, value: unknown): Promise<boolean> => {
    try {
      await upload(key, value, { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return false;
      throw error;
    }
  };

  const ensureReady = (): Promise<void> => {
    // The meta record is created only where absent (one conditional PUT per process), never read here: a
    // damaged one must fail the readiness check, not every read and write.
    ready ??= (async () => {
      await client.createIfNotExists();
      await uploadIfAbsent(STORE_META_KEY, newStoreMeta(Date.now()));
    })().catch((error: unknown) => {
      ready = null;
      throw new BlobStoreError('container check', error);
    });
    return ready;
  };

  /** The blob's document and eTag; undefined when there is no such blob. */
  const readOne = async <T>(key: string): Promise<StoreItem<T> | undefined> => {
    let response;
    try {
      response = await client.getBlobClient(blobNameOf(key)).download();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const body = response.readableStreamBody;
    const eTag = response.etag;
    if (body === undefined || eTag === undefined) return undefined;
    const document: unknown = JSON.parse(await text(body));
    if (typeof document !== 'object' || document === null || !('doc' in document)) return undefined;
    return { value: document.doc as T, eTag };
  };

  const readMany = async <T>(keys: readonly string[]): Promise<Map<string, StoreItem<T>>> => {
    keys.forEach(assertValidKey);
    await ensureReady();
    let items: (StoreItem<T> | undefined)[];
    try {
      items = await Promise.all(keys.map((key) => readOne<T>(key)));
    } catch (error) {
      throw new BlobStoreError('read', error);
    }
    const found = new Map<string, StoreItem<T>>();
    keys.forEach((key, index) => {
      const item = items[index];
      if (item) found.set(key, item);
    });
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
      try {
        await upload(key, value, eTag === ANY_ETAG ? undefined : { ifMatch: eTag });
      } catch (error) {
        // 412 ConditionNotMet: changed since it was read; 404 BlobNotFound: deleted since.
        const status = statusOf(error);
        if (status === 412 || (eTag !== ANY_ETAG && status === 404)) throw new StoreConflictError(key, 'etag-mismatch');
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
        await client.getBlobClient(blobNameOf(key)).deleteIfExists();
      } catch (error) {
        throw new BlobStoreError('delete', error);
      }
    },
    async listKeys(prefix, written) {
      await ensureReady();
      const found: WrittenKey[] = [];
      try {
        // Blob names are encoded keys (see blobNameOf), so the prefix is encoded the same way.
        for await (const blob of client.listBlobsFlat({ prefix: encodeURIComponent(prefix) })) {
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
      // The container client holds no resources beyond keep-alive sockets, which do not keep the process alive.
    },
  };
}
