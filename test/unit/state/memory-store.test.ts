import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { storeContract } from '#test/support/store-contract.ts';

const store = createMemoryStore();
after(() => store.close());
storeContract('memory', () => store);

describe('memory store', () => {
  it('refuses work once closed', async () => {
    const closed = createMemoryStore();
    await closed.close();
    await assert.rejects(closed.get('a'));
    await assert.rejects(closed.ping());
  });
});
