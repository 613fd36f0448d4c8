// The look at the Authorization header before botbuilder: each kind of token that cannot be valid for the
// bot is named; a plausible one is left to botbuilder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TOKEN_CHARS, tokenProblem } from '#src/teams/inbound/token-precheck.ts';

const APP_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const nowSeconds = NOW / 1000;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, payload: unknown, signature = 'c2lnbmF0dXJl'): string => `Bearer ${encode(header)}.${encode(payload)}.${signature}`;
const plausible = { iss: 'https://api.botframework.com', aud: APP_ID, exp: nowSeconds + 600, nbf: nowSeconds - 60 };

describe('tokenProblem', () => {
  const cases: [string, string, ReturnType<typeof tokenProblem>][] = [
    ['no header', '', 'missing'],
    ['only spaces', '   ', 'missing'],
    ['"Bearer" alone', 'Bearer', 'not-bearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'not-bearer'],
    ['a lower-case scheme (botbuilder wants "Bearer")', `bearer ${jwt({ alg: 'RS256' }, plausible).slice(7)}`, 'not-bearer'],
    ['garbage', 'Bearer not-a-jwt', 'malformed'],
    ['two spaces', `Bearer  ${jwt({ alg: 'RS256' }, plausible).slice(7)}`, 'malformed'],
    ['parts that are not JSON', `Bearer ${Buffer.from('xx').toString('base64url')}.${Buffer.from('yy').toString('base64url')}.zz`, 'malformed'],
    ['a payload that is an array', jwt({ alg: 'RS256' }, [1, 2]), 'malformed'],
    ['a header that is null', `Bearer ${Buffer.from('null').toString('base64url')}.${encode(plausible)}.x`, 'malformed'],
    ['non-ASCII', 'Bearer ééé.ààà.ùùù', 'malformed'],
    ['too large', `Bearer ${'a'.repeat(MAX_TOKEN_CHARS)}.b.c`, 'too-large'],
    ['alg none', jwt({ alg: 'none' }, plausible, ''), 'algorithm'],
    ['HS256 (a shared secret Bot Framework never uses)', jwt({ alg: 'HS256' }, plausible), 'algorithm'],
    ['another audience', jwt({ alg: 'RS256' }, { ...plausible, aud: 'https://api.botframework.com' }), 'audience'],
    ['no audience', jwt({ alg: 'RS256' }, { ...plausible, aud: undefined }), 'audience'],
    ['expired beyond the 5-minute skew', jwt({ alg: 'RS256' }, { ...plausible, exp: nowSeconds - 301 }), 'expired'],
  ];
  for (const [name, header, expected] of cases) {
    it(`${name}: ${expected}`, () => assert.equal(tokenProblem(header, APP_ID, NOW), expected));
  }

  it('leaves plausible tokens to botbuilder: RS256/384/512, audience in any case or in a list, expired within the skew, no exp', () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) assert.equal(tokenProblem(jwt({ alg, kid: 'k' }, plausible), APP_ID, NOW), null);
    assert.equal(tokenProblem(jwt({ alg: 'RS256' }, { ...plausible, aud: APP_ID.toUpperCase() }), APP_ID, NOW), null);
    assert.equal(tokenProblem(jwt({ alg: 'RS256' }, { ...plausible, aud: ['other', APP_ID] }), APP_ID, NOW), null);
    assert.equal(tokenProblem(jwt({ alg: 'RS256' }, { ...plausible, exp: nowSeconds - 299 }), APP_ID, NOW), null);
    assert.equal(tokenProblem(jwt({ alg: 'RS256' }, { ...plausible, exp: undefined }), APP_ID, NOW), null);
  });
});
