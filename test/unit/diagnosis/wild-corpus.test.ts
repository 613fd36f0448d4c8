// The wild corpus (test/fixtures/wild/pastes.json): 113 real pastes from public issues and Q&A pages,
// with expectations set from the text alone by people who never ran the tool. Prints the share of
// expectations met (overall, by shape, by field, the SDK apart) and the misses; fails below the floor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatScore, readCorpus, scoreCorpus, share, WILD_CORPUS } from './wild-score.ts';

/** Just under the share reached; a regression below it fails. */
const FLOOR = 0.97;

describe('wild corpus (test/fixtures/wild/pastes.json)', () => {
  const corpus = readCorpus(WILD_CORPUS);

  it('has real pastes with a source URL and a verdict each', () => {
    assert.ok(corpus.length >= 113, `only ${corpus.length} pastes`);
    for (const entry of corpus) {
      assert.match(entry.url, /^https:\/\//, entry.id);
      assert.ok(entry.text.length > 0 && typeof entry.expect.verdict === 'string', entry.id);
    }
    assert.equal(new Set(corpus.map((entry) => entry.id)).size, corpus.length, 'ids are unique');
  });

  it(`meets at least ${FLOOR * 100}% of the expectations`, () => {
    const score = scoreCorpus(corpus);
    process.stdout.write(`\nwild corpus score:\n${formatScore(score)}\n`);
    assert.ok(share(score.overall) >= FLOOR, `overall ${(share(score.overall) * 100).toFixed(1)}% is under the floor ${FLOOR * 100}%`);
  });
});
