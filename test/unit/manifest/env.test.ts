import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PackagingError, deriveTeamsAppId, isHostName, loadEnv, parseDotEnv, resolvePackagingValues, uuidV5 } from '../../../scripts/manifest/env.ts';

const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const valid = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'oncall.example.com' };

describe('.env parsing', () => {
  it('reads KEY=VALUE lines with comments, export, quotes and inline comments', () => {
    const parsed = parseDotEnv([
      '# a comment',
      '',
      'MicrosoftAppId=abc',
      'export BOT_DOMAIN = oncall.example.com   # the public host',
      'DEVELOPER_NAME="Contoso # Ops"',
      "APP_VERSION='1.2.3'",
      'EMPTY=',
    ].join('\n'));
    assert.deepEqual(parsed, { MicrosoftAppId: 'abc', BOT_DOMAIN: 'oncall.example.com', DEVELOPER_NAME: 'Contoso # Ops', APP_VERSION: '1.2.3', EMPTY: '' });
  });

  it('names the line that is not KEY=VALUE', () => {
    assert.throws(() => parseDotEnv('A=1\nthis is not an assignment\n'), /line 2/);
  });

  describe('loadEnv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-env-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('lets the process environment win over the file', () => {
      const file = join(dir, '.env');
      writeFileSync(file, 'BOT_DOMAIN=from-file.example.com\nMicrosoftAppId=from-file\n');
      const env = loadEnv({ BOT_DOMAIN: 'from-env.example.com' }, file);
      assert.equal(env['BOT_DOMAIN'], 'from-env.example.com');
      assert.equal(env['MicrosoftAppId'], 'from-file');
    });

    it('ignores a missing default file but not a missing explicit one', () => {
      assert.deepEqual(loadEnv({ A: '1' }, join(dir, 'absent.env')), { A: '1' });
      assert.throws(() => loadEnv({}, join(dir, 'absent.env'), { required: true }), /env file not found/);
    });
  });
});

describe('packaging variables', () => {
  it('accepts a valid environment and fills the defaults', () => {
    const { values, notes } = resolvePackagingValues(valid, '0.1.0');
    assert.equal(values.MicrosoftAppId, BOT_ID);
    assert.equal(values.BOT_DOMAIN, 'oncall.example.com');
    assert.equal(values.APP_VERSION, '0.1.0');
    assert.equal(values.TEAMS_APP_ID, deriveTeamsAppId(BOT_ID));
    assert.equal(values.DEVELOPER_PRIVACY_URL, 'https://oncall.example.com/');
    assert.ok(notes.some((note) => note.includes('TEAMS_APP_ID')));
  });

  it('uses TEAMS_APP_ID and APP_VERSION when set', () => {
    const teamsAppId = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
    const { values } = resolvePackagingValues({ ...valid, TEAMS_APP_ID: teamsAppId, APP_VERSION: '2.4.6' }, '0.1.0');
    assert.equal(values.TEAMS_APP_ID, teamsAppId);
    assert.equal(values.APP_VERSION, '2.4.6');
  });

  for (const missing of ['MicrosoftAppId', 'BOT_DOMAIN'] as const) {
    it(`names ${missing} when it is missing or empty`, () => {
      for (const value of [undefined, '', '   ']) {
        const env = { ...valid, [missing]: value };
        assert.throws(() => resolvePackagingValues(env, '0.1.0'), (error: unknown) => {
          assert.ok(error instanceof PackagingError);
          assert.match(error.message, new RegExp(`${missing} is not set`));
          return true;
        });
      }
    });
  }

  it('names every invalid variable at once', () => {
    const env = { MicrosoftAppId: 'my-bot', BOT_DOMAIN: 'https://oncall.example.com/api/messages', TEAMS_APP_ID: '123', APP_VERSION: 'v1', DEVELOPER_TERMS_URL: 'http://example.com/terms' };
    assert.throws(() => resolvePackagingValues(env, '0.1.0'), (error: unknown) => {
      assert.ok(error instanceof PackagingError);
      for (const name of ['MicrosoftAppId must be a GUID', 'BOT_DOMAIN must be a host name', 'TEAMS_APP_ID must be a GUID', 'APP_VERSION must be', 'DEVELOPER_TERMS_URL must be an https:// URL']) {
        assert.ok(error.message.includes(name), `expected "${name}" in: ${error.message}`);
      }
      return true;
    });
  });

  it('tells host names from URLs, IP addresses and ports', () => {
    for (const host of ['oncall.example.com', 'my-bot.azurewebsites.net', 'abc-123.westeurope.azurecontainerapps.io']) assert.ok(isHostName(host), host);
    for (const bad of ['https://oncall.example.com', 'oncall.example.com:443', 'oncall.example.com/api', 'localhost', '10.0.0.1', '-bad.example.com', '']) assert.ok(!isHostName(bad), bad);
  });
});

describe('derived Teams app id', () => {
  it('implements RFC 9562 version-5 UUIDs (known vector)', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable, case-insensitive in the bot id, and different from the bot id', () => {
    assert.equal(deriveTeamsAppId(BOT_ID), deriveTeamsAppId(BOT_ID.toUpperCase()));
    assert.notEqual(deriveTeamsAppId(BOT_ID), BOT_ID);
    assert.notEqual(deriveTeamsAppId(BOT_ID), deriveTeamsAppId('3f2504e0-4f89-41d3-9a0c-0305e82c3302'));
  });
});
