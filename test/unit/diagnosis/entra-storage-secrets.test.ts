// Secrets the redaction used to miss: Microsoft Entra client secrets (environment variables, JSON, form bodies
// and URLs, `az login -p`), storage account keys as `az storage account keys list` prints them, and SAS
// signatures URL-encoded twice. Each is found, redacted and counted under its kind, and its value appears
// nowhere: not in diagnose(), not in the JSON of the real command line, not in the rendered card (en, fr).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { REDACTED, redactSecrets } from '#src/diagnosis/redact.ts';
import type { SecretKind } from '#src/diagnosis/types.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { renderDiagnosisCard } from '#src/teams/cards/index.ts';
import { assertWellFormedCard, cardText, healthOk } from '#test/support/card-helpers.ts';

// An Entra secret as the portal generates it today, and one of the older kind (symbols, '[' and ']').
const ENTRA_SECRET = 'Wq48Q~hN3vT.xK_2pLmZc9-RbF7yDe~aU5sGj1oI';
const OLD_ENTRA_SECRET = '-6fkdUrc:x-]M63JPPosVWJS47cWiiUX';
const APP_ID = '2f6b1c1e-4a0d-4c55-9a51-3b1f0e8d7c21';
// A storage account key: 64 bytes, 88 base64 characters.
const STORAGE_KEY = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
const SAS_SIG = 'Zx9/Lk2+Qw8mNp4RtY7uVb3Cd6Ef1Gh5Ij0Kl8Mn2Op=';
const SAS_SIG_TWICE_ENCODED = encodeURIComponent(encodeURIComponent(SAS_SIG));

const ERROR = '{"errorCode":401002,"trackingId":"0c1d2e3f405162738495a6b7c8d9e0f1-G:12-TimeStamp:03/02/2025 08:15:43","message":"IotHubUnauthorizedAccess"}';

interface Case {
  shape: string;
  paste: string;
  value: string;
  kind: SecretKind;
}

const CASES: readonly Case[] = [
  { shape: 'AZURE_CLIENT_SECRET= env line', paste: `AZURE_TENANT_ID=contoso.onmicrosoft.com\nAZURE_CLIENT_ID=${APP_ID}\nAZURE_CLIENT_SECRET=${ENTRA_SECRET}`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'export with quotes', paste: `export AZURE_CLIENT_SECRET="${ENTRA_SECRET}"`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'PowerShell $env:', paste: `$env:AZURE_CLIENT_SECRET = '${ENTRA_SECRET}'`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'JSON "clientSecret"', paste: `{"tenantId": "contoso.onmicrosoft.com", "clientId": "${APP_ID}", "clientSecret": "${ENTRA_SECRET}"}`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'JSON "clientSecret", older secret', paste: `{"clientSecret": "${OLD_ENTRA_SECRET}"}`, value: OLD_ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'JSON escaped in a log line', paste: `{"log":"config {\\"ClientSecret\\":\\"${ENTRA_SECRET}\\"}\\n","stream":"stderr"}`, value: ENTRA_SECRET, kind: 'client-secret' },
  {
    shape: 'client_secret= in a token request body',
    paste: `POST /contoso.onmicrosoft.com/oauth2/v2.0/token\n\nclient_id=${APP_ID}&scope=https%3A%2F%2Fmanagement.azure.com%2F.default&client_secret=${encodeURIComponent(ENTRA_SECRET)}&grant_type=client_credentials`,
    value: ENTRA_SECRET,
    kind: 'client-secret',
  },
  { shape: 'client_secret= in a URL', paste: `https://login.microsoftonline.com/t/oauth2/token?client_id=${APP_ID}&client_secret=${ENTRA_SECRET}&resource=x`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'az login -p', paste: `az login --service-principal -u ${APP_ID} -p ${ENTRA_SECRET} --tenant contoso.onmicrosoft.com`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'az login --password "…"', paste: `az login --service-principal --username ${APP_ID} --password "${OLD_ENTRA_SECRET}" --tenant t`, value: OLD_ENTRA_SECRET, kind: 'client-secret' },
  { shape: 'az login --password=', paste: `$ az login --service-principal -u ${APP_ID} --password=${ENTRA_SECRET} -t t`, value: ENTRA_SECRET, kind: 'client-secret' },
  { shape: '--client-secret flag', paste: `azcopy login --service-principal --application-id ${APP_ID} --client-secret ${ENTRA_SECRET}`, value: ENTRA_SECRET, kind: 'client-secret' },
  {
    shape: 'az storage account keys list (JSON)',
    paste: `[\n  {\n    "creationTime": "2025-01-06T10:00:00.000000+00:00",\n    "keyName": "key1",\n    "permissions": "FULL",\n    "value": "${STORAGE_KEY}"\n  }\n]`,
    value: STORAGE_KEY,
    kind: 'storage-account-key',
  },
  { shape: 'az storage account keys list -o table', paste: `KeyName    Permissions    Value\n---------  -------------  -----\nkey2       FULL           ${STORAGE_KEY}`, value: STORAGE_KEY, kind: 'storage-account-key' },
  { shape: 'az storage account keys list -o tsv', paste: `2025-01-06T10:00:00.000000+00:00\tkey1\tFULL\t${STORAGE_KEY}`, value: STORAGE_KEY, kind: 'storage-account-key' },
  { shape: 'Get-AzStorageAccountKey', paste: `KeyName Value Permissions\n------- ----- -----------\nkey1    ${STORAGE_KEY} Full`, value: STORAGE_KEY, kind: 'storage-account-key' },
  { shape: 'SAS URL-encoded twice (sig%253D)', paste: `https://proxy/?target=https%253A%252F%252Fa.blob.core.windows.net%252Fc%253Fsv%253D2022-11-02%2526sig%253D${SAS_SIG_TWICE_ENCODED}%2526se%253D1767225600`, value: SAS_SIG, kind: 'sas-signature' },
  { shape: 'SAS in a URL inside a URL', paste: `GET /redirect?to=${encodeURIComponent(encodeURIComponent(`https://a.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=${encodeURIComponent(SAS_SIG)}&se=1`))}`, value: SAS_SIG, kind: 'sas-signature' },
];

/** The value as pasted, and pieces of it long enough to identify it (12 letters or digits). */
function tellTales(value: string): string[] {
  const core = value.replace(/[^A-Za-z0-9]/g, '');
  const pieces = [value, encodeURIComponent(value)];
  for (let i = 0; i + 12 <= core.length; i += 4) pieces.push(core.slice(i, i + 12));
  return pieces;
}

function assertAbsent(output: string, value: string, where: string): void {
  for (const piece of tellTales(value)) assert.ok(!output.includes(piece), `${where}: ${JSON.stringify(piece)} of the secret is in the output`);
}

describe('Entra client secrets, storage account keys and twice-encoded SAS signatures', () => {
  for (const { shape, paste, value, kind } of CASES) {
    it(`${shape}: redacted and counted as ${kind}`, () => {
      const { text, report } = redactSecrets(paste);
      assert.ok(text.includes(REDACTED), text);
      assertAbsent(text, value, 'redactSecrets');
      assert.deepEqual(report, { count: 1, kinds: [kind] });

      const d = diagnose(`${paste}\n${ERROR}`);
      assert.ok(d.secrets.kinds.includes(kind), JSON.stringify(d.secrets));
      assertAbsent(JSON.stringify(d), value, 'diagnose()');
      assertAbsent(JSON.stringify(toCliJson(d)), value, 'toCliJson()');
    });
  }

  it('references to a secret kept elsewhere, and field names alone, are not secrets', () => {
    for (const paste of [
      'AZURE_CLIENT_SECRET=$AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_SECRET=${{ secrets.AZURE_CLIENT_SECRET }}',
      'set AZURE_CLIENT_SECRET=%SP_SECRET%',
      'client_secret=${CLIENT_SECRET}',
      '"clientSecretExpiry": "2026-01-06"',
      'az login --service-principal -u app -p $SP_PASSWORD --tenant t',
      'the client secret expired',
      // A key of the right shape with nothing around it that says it is one (`--query [0].value -o tsv`) cannot be told from other base64.
      STORAGE_KEY,
    ]) {
      assert.deepEqual(redactSecrets(paste).report, { count: 0, kinds: [] }, paste);
    }
  });

  it('a user password given to az login is counted as a password, not a client secret', () => {
    assert.deepEqual(redactSecrets('az login -u oncall@contoso.com -p Winter-2025-pass').report, { count: 1, kinds: ['connection-string-password'] });
  });

  it('the diagnosis card names the kinds and shows none of the values (en, fr)', () => {
    const paste = [...CASES.map((c) => c.paste), ERROR].join('\n');
    const diagnosis = diagnose(paste);
    assert.deepEqual(diagnosis.secrets.kinds, ['sas-signature', 'storage-account-key', 'client-secret']);
    for (const locale of ['en', 'fr'] as const) {
      const card = renderDiagnosisCard({ diagnosis, locale, demo: true, hub: { kind: 'health', result: healthOk() }, advice: { kind: 'retry-hub-healthy', availabilityState: 'Available' } });
      assertWellFormedCard(card, locale);
      const json = JSON.stringify(card);
      for (const { value } of CASES) assertAbsent(json, value, `card (${locale})`);
      const text = cardText(card);
      const labels = uiStrings(locale).diagnosis.secretKinds;
      for (const kind of diagnosis.secrets.kinds) assert.ok(text.includes(labels[kind]), `${locale}: ${labels[kind]} named on the card`);
    }
  });

  describe('through the command line (a real process)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const work = mkdtempSync(join(tmpdir(), 'iothub-oncall-secrets-'));
    after(() => rmSync(work, { recursive: true, force: true }));

    it('diagnose --json lists the kinds by name and prints none of the values', () => {
      const file = join(work, 'paste.txt');
      writeFileSync(file, [...CASES.map((c) => c.paste), ERROR].join('\n'));
      const result = spawnSync(join(root, 'node_modules', '.bin', 'node'), [join(root, 'src', 'cli.ts'), 'diagnose', '--json', file], { encoding: 'utf8', timeout: 60_000, cwd: root });
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as { secrets: { count: number; kinds: string[] } };
      assert.deepEqual(json.secrets, { count: CASES.length, kinds: ['sas-signature', 'storage-account-key', 'client-secret'] });
      for (const { value } of CASES) assertAbsent(result.stdout, value, 'diagnose --json');
    });
  });
});
