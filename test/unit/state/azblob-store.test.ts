// Against a real Azurite blob service started by this file on 127.0.0.1 (killed in `after`).
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import { after, before, describe, it } from 'node:test';
import { StoreConflictError } from '#src/core/store.ts';
import type { StateStore } from '#src/core/store.ts';
import { createAuditLog } from '#src/state/audit.ts';
import { openAzureBlobStore } from '#src/state/azblob-store.ts';
import type { AuditDraft } from '#src/failover/index.ts';
import { startAzurite, freePort, connectionStringFor } from '#test/support/azurite.ts';
import type { Azurite } from '#test/support/azurite.ts';
import { storeContract } from '#test/support/store-contract.ts';

let azurite: Azurite;
let store: StateStore;
let other: StateStore;
const CONTAINER = 'iothub-oncall-test';

before(async () => {
  azurite = await startAzurite();
  // Two independent store instances on one container: two bot instances.
  store = openAzureBlobStore(azurite.connectionString, CONTAINER);
  other = openAzureBlobStore(azurite.connectionString, CONTAINER);
});
after(async () => {
  await store?.close();
  await other?.close();
  await azurite?.stop();
});

storeContract('azblob', () => store);

function draft(n: number, by: string): AuditDraft {
  return {
    at: new Date(Date.UTC(2026, 4, 1, 12, 0, 0, n)).toISOString(),
    kind: 'progress',
    hubId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Devices/IotHubs/h',
    hubName: 'h',
    failoverKind: 'failover',
    actor: { name: by, aadObjectId: null },
    requestId: `req-${by}`,
    justification: null,
    reason: null,
    failoverRegion: 'North Europe',
    armRequestId: null,
    operationId: null,
    detail: `${by}-${n}`,
  };
}

describe('azblob store: the blobs of a container filled before', () => {
  it('reads and writes the blob botbuilder-azure-blobs named and shaped for a key (URI-encoded name, { doc } body)', async () => {
    const key = 'teams/failover-card/Zm9vYmFyYmF6cXV4MTIzNDU2';
    const blob = new ContainerClient(azurite.connectionString, CONTAINER).getBlockBlobClient(encodeURIComponent(key));
    const body = JSON.stringify({ doc: { justification: 'Région Europe de l’Ouest indisponible' } });
    await blob.upload(body, Buffer.byteLength(body));
    const item = await store.get<{ justification: string }>(key);
    assert.equal(item?.value.justification, 'Région Europe de l’Ouest indisponible');
    await store.write(key, { justification: 'déjà là' }, item?.eTag ?? '');
    const written = JSON.parse((await blob.downloadToBuffer()).toString('utf8')) as unknown;
    assert.deepEqual(written, { doc: { justification: 'déjà là' } }, 'the same blob, the same shape, whole (byte length, not string length)');
  });
});

describe('azblob store: two instances sharing one container', () => {
  it('see each other’s writes, with the same eTag', async () => {
    await store.create('shared/visible', { n: 1 });
    const mine = await store.get('shared/visible');
    const theirs = await other.get('shared/visible');
    assert.deepEqual(theirs?.value, { n: 1 });
    assert.equal(theirs?.eTag, mine?.eTag);
  });

  it('racing a CAS on the same eTag: exactly one wins (a 412 from the service becomes StoreConflictError)', async () => {
    await store.create('shared/race', { n: 0 });
    const a = await store.get<{ n: number }>('shared/race');
    const b = await other.get<{ n: number }>('shared/race');
    assert.ok(a && b);
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, (_u, i) => store.write('shared/race', { n: 10 + i }, a.eTag)),
      ...Array.from({ length: 5 }, (_u, i) => other.write('shared/race', { n: 20 + i }, b.eTag)),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    for (const result of results) if (result.status === 'rejected') assert.ok(result.reason instanceof StoreConflictError, String(result.reason));
  });

  it('racing a create of the same key: exactly one wins', async () => {
    const results = await Promise.allSettled([store.create('shared/create', { by: 'a' }), other.create('shared/create', { by: 'b' })]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result) => result.status === 'rejected');
    assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof StoreConflictError && rejected.reason.conflict === 'exists');
  });

  it('audit appends from both instances at once all survive', async () => {
    const auditA = createAuditLog(store, { chunkMax: 7 });
    const auditB = createAuditLog(other, { chunkMax: 7 });
    await Promise.all([
      ...Array.from({ length: 12 }, (_u, i) => auditA.append([draft(i, 'a')])),
      ...Array.from({ length: 12 }, (_u, i) => auditB.append([draft(i, 'b')])),
    ]);
    const all = await auditA.range(Date.UTC(2026, 4, 1), Date.UTC(2026, 4, 2));
    assert.equal(all.length, 24);
    assert.equal(new Set(all.map((record) => record.detail)).size, 24);
    assert.deepEqual(await auditB.range(Date.UTC(2026, 4, 1), Date.UTC(2026, 4, 2)), all);
  });
});

describe('azblob store: start-up while the storage is unreachable', () => {
  it('fails with a safe error, then recovers once the service is up', async () => {
    const port = await freePort();
    const early = openAzureBlobStore(connectionStringFor(port), 'late-container', { maxTries: 1 });
    const error = await early.ping().then(
      () => null,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof Error);
    assert.doesNotMatch(error.message, /AccountKey|Eby8vdM02/);
    const late = await startAzurite(port);
    try {
      await early.create('after/start', { n: 1 });
      assert.deepEqual((await early.get('after/start'))?.value, { n: 1 });
    } finally {
      await late.stop();
    }
  });
});
