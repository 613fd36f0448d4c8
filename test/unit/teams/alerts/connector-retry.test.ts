import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectorRetryDelay, retryAfterOf } from '#src/teams/alerts/connector-retry.ts';

const policy = { delaysMs: [500, 1_500], maxRetryAfterMs: 10_000 };

describe('connectorRetryDelay', () => {
  it('a post (new thread or message) is tried again only on 412 and 429, never on a 5xx that may have posted', () => {
    assert.equal(connectorRetryDelay('post', 429, null, 0, policy), 500);
    assert.equal(connectorRetryDelay('post', 412, null, 1, policy), 1_500);
    for (const status of [500, 502, 503, 504]) assert.equal(connectorRetryDelay('post', status, null, 0, policy), null, `post ${status}`);
  });

  it('an update (idempotent) is also tried again on 502, 503, 504', () => {
    for (const status of [412, 429, 502, 503, 504]) assert.equal(connectorRetryDelay('update', status, null, 0, policy), 500, `update ${status}`);
    assert.equal(connectorRetryDelay('update', 500, null, 0, policy), null);
    assert.equal(connectorRetryDelay('update', null, null, 0, policy), null);
  });

  it('honours Retry-After up to the bound, and gives up past the last retry', () => {
    assert.equal(connectorRetryDelay('post', 429, 3_000, 0, policy), 3_000);
    assert.equal(connectorRetryDelay('post', 429, 100, 0, policy), 500, 'never sooner than its own pause');
    assert.equal(connectorRetryDelay('post', 429, 60_000, 0, policy), null, 'too long: left to the delivery retry');
    assert.equal(connectorRetryDelay('post', 429, null, 2, policy), null);
  });
});

describe('retryAfterOf', () => {
  const now = Date.parse('2026-05-04T10:00:00Z');
  const withHeaders = (headers: unknown): Error => Object.assign(new Error('throttled'), { statusCode: 429, response: { headers } });
  it('reads seconds or a date from the response headers (a Headers-like get() or a plain object)', () => {
    assert.equal(retryAfterOf(withHeaders(new Map([['retry-after', '4']])), now), 4_000);
    assert.equal(retryAfterOf(withHeaders({ 'retry-after': 'Mon, 04 May 2026 10:00:07 GMT' }), now), 7_000);
    assert.equal(retryAfterOf(withHeaders({}), now), null);
    assert.equal(retryAfterOf(withHeaders({ 'retry-after': 'soon' }), now), null);
    assert.equal(retryAfterOf(new Error('no response'), now), null);
  });
});
