import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PackagingError } from '../../../scripts/manifest/env.ts';
import type { Env } from '../../../scripts/manifest/env.ts';
import { buildAppPackage } from '../../../scripts/manifest/package.ts';
import { bundledSchemaFor, escapeLoneClosingBrackets, validateAgainstBundledSchema } from '../../../scripts/manifest/schema.ts';
import type { Json, JsonObject } from '../../../scripts/manifest/template.ts';
import { readZip } from '../../../scripts/manifest/zip.ts';

const projectManifestDir = join(import.meta.dirname, '..', '..', '..', 'manifest');
const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TEAMS_APP_ID = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const validEnv: Env = { MicrosoftAppId: BOT_ID, TEAMS_APP_ID, BOT_DOMAIN: 'oncall.example.com' };

let workDir: string;
let counter = 0;
before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'oncall-package-'));
});
after(() => rmSync(workDir, { recursive: true, force: true }));

/** A copy of the project's manifest folder, optionally with the template or a file changed. */
function manifestCopy(change?: { template?: (template: JsonObject) => void; files?: Record<string, string | Buffer> }): string {
  const dir = join(workDir, `manifest-${++counter}`);
  cpSync(projectManifestDir, dir, { recursive: true });
  if (change?.template) {
    const path = join(dir, 'manifest.template.json');
    const template = JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
    change.template(template);
    writeFileSync(path, JSON.stringify(template, null, 2));
  }
  for (const [name, content] of Object.entries(change?.files ?? {})) writeFileSync(join(dir, name), content);
  return dir;
}

function outFile(): string {
  return join(workDir, `out-${++counter}`, 'appPackage.zip');
}

async function expectPackagingError(manifestDir: string, env: Env, ...patterns: RegExp[]): Promise<void> {
  await assert.rejects(buildAppPackage({ manifestDir, env, outFile: outFile(), defaultVersion: '0.1.0' }), (error: unknown) => {
    assert.ok(error instanceof PackagingError, `expected a PackagingError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

function objectAt(node: Json | undefined, ...path: Array<string | number>): JsonObject {
  let current = node;
  for (const key of path) {
    current = Array.isArray(current) ? current[key as number] : current !== null && typeof current === 'object' ? current[key as string] : undefined;
  }
  assert.ok(current !== null && typeof current === 'object' && !Array.isArray(current), `no object at ${path.join('.')}`);
  return current;
}

describe('buildAppPackage with a valid environment', () => {
  let zipPath: string;
  let entries: ReturnType<typeof readZip>;
  let manifest: JsonObject;

  before(async () => {
    zipPath = outFile();
    const result = await buildAppPackage({ manifestDir: projectManifestDir, env: validEnv, outFile: zipPath, defaultVersion: '0.1.0' });
    assert.equal(result.outFile, zipPath);
    entries = readZip(readFileSync(zipPath)); // verifies local headers, sizes and CRCs
    const manifestEntry = entries.find((entry) => entry.name === 'manifest.json');
    assert.ok(manifestEntry);
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as JsonObject;
  });

  it('holds exactly manifest.json, the two icons and the French localization file, at the root', () => {
    assert.deepEqual(entries.map((entry) => entry.name).sort(), ['color.png', 'fr-fr.json', 'manifest.json', 'outline.png']);
  });

  it('packs the icons byte for byte', () => {
    for (const icon of ['color.png', 'outline.png']) {
      assert.deepEqual(entries.find((entry) => entry.name === icon)?.data, readFileSync(join(projectManifestDir, icon)));
    }
  });

  it('has a manifest that validates against the bundled official schema, read back from the zip', async () => {
    const { schema, errors } = await validateAgainstBundledSchema(manifest);
    assert.deepEqual(errors, []);
    assert.equal(schema.version, 'v1.25');
    assert.ok(schema.path.includes('@microsoft/app-manifest'));
    const localization = JSON.parse(entries.find((entry) => entry.name === 'fr-fr.json')?.data.toString('utf8') ?? '{}') as JsonObject;
    assert.deepEqual((await validateAgainstBundledSchema(localization)).errors, []);
  });

  it('fills the ids and the domain from the environment and leaves no placeholder', () => {
    assert.equal(manifest['id'], TEAMS_APP_ID);
    assert.equal(objectAt(manifest, 'bots', 0)['botId'], BOT_ID);
    assert.equal(objectAt(manifest, 'composeExtensions', 0)['botId'], BOT_ID);
    assert.deepEqual(manifest['validDomains'], ['oncall.example.com']);
    assert.equal(manifest['version'], '0.1.0');
    assert.ok(!JSON.stringify(manifest).includes('${{'));
  });

  it('declares the bot in all three scopes with the same commands in each (the alert commands included), and the Diagnose message action', () => {
    const bot = objectAt(manifest, 'bots', 0);
    assert.deepEqual(bot['scopes'], ['personal', 'team', 'groupChat']);
    const lists = bot['commandLists'] as JsonObject[];
    assert.deepEqual(lists.map((list) => list['scopes']), [['personal'], ['team'], ['groupChat']]);
    for (const list of lists) assert.deepEqual((list['commands'] as JsonObject[]).map((command) => command['title']), ['help', 'health', 'status', 'audit', 'subscribe', 'unsubscribe', 'subscriptions']);
    const command = objectAt(manifest, 'composeExtensions', 0, 'commands', 0);
    assert.equal(command['id'], 'diagnose');
    assert.equal(command['type'], 'action');
    assert.equal(command['title'], 'Diagnose with IoT Hub On-Call');
    assert.deepEqual(command['context'], ['message']);
    assert.equal(command['fetchTask'], true);
  });
});

describe('buildAppPackage rejects', () => {
  it('a manifest the schema refuses (name.short too long), quoting the schema message', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'name')['short'] = 'IoT Hub On-Call for production engineers'; } });
    await expectPackagingError(dir, validEnv, /does not validate against the Teams manifest schema v1\.25/, /\/name\/short must NOT have more than 30 characters/);
  });

  it('a manifest whose bot has no id', async () => {
    const dir = manifestCopy({ template: (t) => { delete objectAt(t, 'bots', 0)['botId']; } });
    await expectPackagingError(dir, validEnv, /\/bots\/0 must have required property 'botId'/);
  });

  it('a message action served by another bot than the manifest bot', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'composeExtensions', 0)['botId'] = TEAMS_APP_ID; } });
    await expectPackagingError(dir, validEnv, /composeExtensions botId a0b1c2d3-.* is not the bot's id/);
  });

  it('a value from the environment that breaks the schema (developer name over 32 characters)', async () => {
    await expectPackagingError(projectManifestDir, { ...validEnv, DEVELOPER_NAME: 'Contoso IoT Platform Operations Team' }, /\/developer\/name must NOT have more than 32 characters/);
  });

  it('a missing MicrosoftAppId or BOT_DOMAIN, naming the variable', async () => {
    await expectPackagingError(projectManifestDir, { BOT_DOMAIN: 'oncall.example.com' }, /MicrosoftAppId is not set/);
    await expectPackagingError(projectManifestDir, { MicrosoftAppId: BOT_ID }, /BOT_DOMAIN is not set/);
  });

  it('a placeholder the packager does not fill (so no arbitrary variable, e.g. a secret, can be pulled in)', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'developer')['name'] = '${{MicrosoftAppPassword}}'; } });
    await expectPackagingError(dir, { ...validEnv, MicrosoftAppPassword: 'secret' }, /uses \$\{\{MicrosoftAppPassword\}\}, which the packager does not fill/);
  });

  it('a malformed placeholder left in the manifest', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'developer')['name'] = '${{ BOT-NAME }}'; } });
    await expectPackagingError(dir, validEnv, /unresolved placeholder/);
  });

  it('icons of the wrong size, naming the icon and both sizes', async () => {
    const dir = manifestCopy({ files: { 'outline.png': readFileSync(join(projectManifestDir, 'color.png')) } });
    await expectPackagingError(dir, validEnv, /outline icon outline\.png is 192x192; Teams requires 32x32/);
  });

  it('an icon file that does not exist', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'icons')['color'] = 'colour.png'; } });
    await expectPackagingError(dir, validEnv, /icons\.color "colour\.png" does not exist/);
  });

  it('an icon path outside the package', async () => {
    const dir = manifestCopy({ template: (t) => { objectAt(t, 'icons')['color'] = '../color.png'; } });
    await expectPackagingError(dir, validEnv, /icons\.color "\.\.\/color\.png" must be a path relative to the package root/);
  });

  it('a localization file that breaks its schema (title over 32 characters)', async () => {
    const french = JSON.parse(readFileSync(join(projectManifestDir, 'fr-fr.json'), 'utf8')) as JsonObject;
    french['composeExtensions[0].commands[0].title'] = 'Diagnostiquer avec IoT Hub On-Call';
    const dir = manifestCopy({ files: { 'fr-fr.json': JSON.stringify(french) } });
    await expectPackagingError(dir, validEnv, /fr-fr\.json does not validate against the Teams localization schema v1\.25/, /commands\[0\]\.title must NOT have more than 32 characters/);
  });

  it('a schema version that is not bundled (no silent network fetch)', async () => {
    const dir = manifestCopy({
      template: (t) => {
        t['$schema'] = 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json';
        t['manifestVersion'] = '1.18';
      },
    });
    await expectPackagingError(dir, validEnv, /does not bundle v1\.18\/MicrosoftTeams\.schema\.json/);
  });
});

describe('bundled schemas', () => {
  it('maps the official URL, with or without a locale segment, to the package copy', () => {
    const plain = bundledSchemaFor('https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json');
    const localized = bundledSchemaFor('https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json');
    assert.equal(plain.path, localized.path);
    assert.match(plain.path, /@microsoft\/app-manifest\/build\/json-schemas\/teams\/v1\.25\/MicrosoftTeams\.schema\.json$/);
    assert.throws(() => bundledSchemaFor('https://example.com/schema.json'), /not an official Teams schema URL/);
  });

  it('escapes only the ] that closes no character class', () => {
    const original = '^activities.activityTypes\\[\\b([0-9]|1[01][0-9])\\b]\\.description$';
    const fixed = escapeLoneClosingBrackets(original);
    assert.equal(fixed, '^activities.activityTypes\\[\\b([0-9]|1[01][0-9])\\b\\]\\.description$');
    assert.throws(() => new RegExp(original, 'u'));
    const unicode = new RegExp(fixed, 'u');
    const legacy = new RegExp(original);
    for (const key of ['activities.activityTypes[7].description', 'activities.activityTypes[12].description', 'activities.activityTypes[7]description']) {
      assert.equal(unicode.test(key), legacy.test(key), key);
    }
  });
});
