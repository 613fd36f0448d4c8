// Secrets are found and redacted before anything else reads the paste, in every shape they are
// pasted in, and no secret value survives in the Diagnosis, the CLI JSON or the text summary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from '#src/cli.ts';
import { toCliJson } from '#src/diagnosis/cli-json.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { mergeSecretReports, REDACTED, redactSecrets } from '#src/diagnosis/redact.ts';
import type { SecretKind } from '#src/diagnosis/types.ts';

const KEY_A = 'gOmtWDDJjIkXNQIrNFtgA+9O8FHjk/Xv4Hddu6WCk+w=';
const KEY_B = 'lZ2+HZNkevjzFS3JHaWTKyW/1Jj++/Rx4iUmXEiQcV8=';
const SIG_URL_ENCODED = 'k2Vb%2BqT8mNzP1wXy4RfS0uJ3hLd6cAeG9oIv5nMtKs0%3D';
const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyIsIm9pZCI6IjEyMzQifQ.c2lnbmF0dXJlLXRoYXQtaXMtcXVpdGUtbG9uZy1pbmRlZWQ';
const STORAGE_KEY = 'Xr7dH0OSYqCj3800oue7qi3j0a5yo7yhxRQbRQOHD+A==';
const PASSWORD = 'Pa55w0rd!Secret#42';

/** Long-enough pieces of a secret: none may appear in any output either. */
function fragments(secret: string): string[] {
  const core = secret.replace(/%[0-9A-F]{2}/g, '').replace(/[^A-Za-z0-9]/g, '');
  const out = [secret];
  for (let i = 0; i + 10 <= core.length; i += 5) out.push(core.slice(i, i + 10));
  return out;
}

function assertNoLeak(paste: string, secrets: readonly string[]): void {
  const d = diagnose(paste);
  const outputs = [JSON.stringify(d), JSON.stringify(toCliJson(d)), renderText(d, 'en'), renderText(d, 'fr')];
  for (const secret of secrets) {
    for (const fragment of fragments(secret)) {
      for (const out of outputs) assert.ok(!out.includes(fragment), `fragment ${fragment} of a secret leaked from: ${paste.slice(0, 80)}`);
    }
  }
}

function redacts(paste: string, secret: string, kind: SecretKind): void {
  const { text, report } = redactSecrets(paste);
  assert.ok(!text.includes(secret), `${secret} survived in ${text}`);
  assert.ok(text.includes(REDACTED));
  assert.ok(report.kinds.includes(kind), `${kind} in ${JSON.stringify(report)}`);
  assert.ok(report.count >= 1);
}

describe('redactSecrets', () => {
  it('redacts SharedAccessKey in connection strings, to ; or quote or whitespace', () => {
    redacts(`HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=${KEY_A}`, KEY_A, 'shared-access-key');
    redacts(`"HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY_A}"`, KEY_A, 'shared-access-key');
    redacts(`cs='HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=${KEY_A}' next`, KEY_A, 'shared-access-key');
    redacts(`SharedAccessKey=${KEY_A};GatewayHostName=edge`, KEY_A, 'shared-access-key');
    const { text } = redactSecrets(`SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY_A}`);
    assert.ok(text.includes('SharedAccessKeyName=iothubowner'), 'the key name is not a secret');
  });

  it('redacts the signature of SAS tokens, URL-encoded or not, raw or escaped', () => {
    redacts(`SharedAccessSignature sr=h.azure-devices.net%2Fdevices%2Fd1&sig=${SIG_URL_ENCODED}&se=1767225600`, SIG_URL_ENCODED, 'sas-signature');
    redacts(`Authorization: SharedAccessSignature sr=h&sig=${KEY_B}&se=1&skn=service`, KEY_B, 'sas-signature');
    redacts(`"password":"SharedAccessSignature sr=h\\u0026sig=${SIG_URL_ENCODED}\\u0026se=1"`, SIG_URL_ENCODED, 'sas-signature');
    redacts(`<code>SharedAccessSignature sr=h&amp;sig=${SIG_URL_ENCODED}&amp;se=1</code>`, SIG_URL_ENCODED, 'sas-signature');
  });

  it('redacts primary and secondary keys in JSON, Python dicts, az output and malformed pastes', () => {
    redacts(`{"primaryKey": "${KEY_A}", "secondaryKey": "${KEY_B}"}`, KEY_A, 'primary-key');
    redacts(`{"primaryKey": "${KEY_A}", "secondaryKey": "${KEY_B}"}`, KEY_B, 'secondary-key');
    redacts(`{'PrimaryKey': '${KEY_A}'}`, KEY_A, 'primary-key');
    redacts(`"PrimaryKey";"${KEY_A},"Rights":["Listen"]`, KEY_A, 'primary-key');
    redacts(`primaryKey: ${KEY_A}`, KEY_A, 'primary-key');
    redacts(`az iot hub device-identity create -d d1 --primary-key ${KEY_A} --secondary-key ${KEY_B}`, KEY_A, 'primary-key');
    redacts(`&quot;secondaryKey&quot;: &quot;${KEY_B}&quot;`, KEY_B, 'secondary-key');
    redacts(`{\\"primaryKey\\":\\"${KEY_A}\\"}`, KEY_A, 'primary-key');
  });

  it('a key ended by its base64 padding is found whatever is glued after it, so a second pass finds nothing more', () => {
    const accountKey = `${'k7Qx'.repeat(21)}Ab==`;
    const glued = `key2       FULL           ${accountKey}eyJDefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`;
    const once = redactSecrets(glued);
    assert.ok(!once.text.includes(accountKey), once.text);
    const twice = redactSecrets(once.text);
    assert.equal(twice.text, once.text);
    assert.equal(twice.report.count, 0);
  });

  it('redacts storage account keys, bearer tokens, bare JWTs, passwords and private keys', () => {
    redacts(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`, STORAGE_KEY, 'storage-account-key');
    redacts(`Authorization: Bearer ${JWT}`, JWT, 'bearer-token');
    redacts(`token=${JWT} in the log`, JWT, 'bearer-token');
    redacts(`{"access_token":"${KEY_B}"}`, KEY_B, 'bearer-token');
    redacts(`Server=db;User Id=iot;Password=${PASSWORD};`, PASSWORD, 'connection-string-password');
    redacts(`{"password": "${PASSWORD}"}`, PASSWORD, 'connection-string-password');
    redacts(`-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${KEY_A}\n-----END RSA PRIVATE KEY-----`, KEY_A, 'private-key');
  });

  it('decodes what hides a value: \\u002B, \\/, Gson \\u003d, &#43;, &#x2F;', () => {
    const escaped = KEY_A.replace(/\+/g, '\\u002B').replace(/\//g, '\\/');
    redacts(`{"cs":"HostName=h;SharedAccessKey=${escaped}"}`, escaped, 'shared-access-key');
    redacts(`{"cs":"HostName=h;SharedAccessKey\\u003d${KEY_A}"}`, KEY_A, 'shared-access-key');
    const entities = KEY_A.replace(/\+/g, '&#43;').replace(/\//g, '&#x2F;').replace(/=/g, '&#61;');
    const { text } = redactSecrets(`<pre>SharedAccessKey=${entities}</pre>`);
    assert.equal(text, `<pre>SharedAccessKey=${REDACTED}</pre>`);
  });

  it('counts each secret once and lists kinds in a fixed order', () => {
    const { report } = redactSecrets(`Bearer ${JWT}\nSharedAccessKey=${KEY_A}\nSharedAccessKey=${KEY_B}\n&sig=${SIG_URL_ENCODED}`);
    assert.deepEqual(report, { count: 4, kinds: ['shared-access-key', 'sas-signature', 'bearer-token'] });
  });

  it('does not count placeholders, masks, nulls or earlier redactions', () => {
    for (const paste of ['SharedAccessKey=<REDACTED>', `SharedAccessKey=${REDACTED}`, '"primaryKey": null', "'secondaryKey': None", 'sig=****', 'Password=']) {
      assert.equal(redactSecrets(paste).report.count, 0, paste);
    }
    const twice = redactSecrets(redactSecrets(`SharedAccessKey=${KEY_A}`).text);
    assert.equal(twice.report.count, 0, 'redaction is idempotent');
  });

  it('leaves ordinary text alone', () => {
    const text = 'ClaimType":"SharedAccessKey","KeyName":"iothubowner" — the primary key is rotated daily; Bearer token expired';
    assert.deepEqual(redactSecrets(text), { text, report: { count: 0, kinds: [] } });
  });

  it('merges reports', () => {
    assert.deepEqual(mergeSecretReports({ count: 1, kinds: ['bearer-token'] }, { count: 2, kinds: ['shared-access-key', 'bearer-token'] }), {
      count: 3,
      kinds: ['shared-access-key', 'bearer-token'],
    });
  });
});

describe('no secret value survives diagnosis', () => {
  const secrets = [KEY_A, KEY_B, SIG_URL_ENCODED, JWT, STORAGE_KEY, PASSWORD];
  const pastes = [
    `HostName=plant.azure-devices.net;DeviceId=press-1;SharedAccessKey=${KEY_A}\n{"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized"}`,
    `{"Message":"{\\"connectionString\\":\\"HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=${KEY_B}\\",\\"errorCode\\":401002}"}`,
    `{"log":"2025-01-01 00:00:00.000 +00:00 [ERR] - cs HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=${KEY_A.replace('+', '\\u002B')}\\n","stream":"stdout","time":"2025-01-01T00:00:00Z"}`,
    `<p><at>Bot</at> password: SharedAccessSignature sr=h.azure-devices.net%2Fdevices%2Fd&amp;sig=${SIG_URL_ENCODED}&amp;se=1</p><p>HTTP/1.1 401 Unauthorized</p>`,
    `curl -H "Authorization: Bearer ${JWT}" https://management.azure.com/...\nHTTP/1.1 429 Too Many Requests`,
    `AccountKey=${STORAGE_KEY};\n{"errorCode":400008}`,
    `Password=${PASSWORD};\n500001 ServerError`,
    `mqtt connect user=h.azure-devices.net/d/?api-version=2021-04-12 pass=SharedAccessSignature sr=h%2Fdevices%2Fd&sig=${SIG_URL_ENCODED}&se=1\nConnection refused: Not authorized`,
    `{'primaryKey': '${KEY_A}', 'secondaryKey': '${KEY_B}'}`,
  ];
  for (const [i, paste] of pastes.entries()) {
    it(`paste ${i}`, () => {
      const d = diagnose(paste);
      assert.ok(d.secrets.count > 0);
      assertNoLeak(paste, secrets);
    });
  }
});
