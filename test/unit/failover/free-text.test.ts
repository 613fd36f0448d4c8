// What people type into a failover (justification, reject reason) is redacted like a paste, and text that
// held nothing but secrets comes out empty.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactTypedText } from '#src/failover/free-text.ts';

const KEY = 'q2Zk3uT4mVb9WcXyA1sD5fG7hJ8kL0pO9iU8yT7rE6w=';
const SIG = 'Lr6XYkF4nWkQ1d8d1bOqkQq1K5g7u0Gx5m0F2xJkPmE%3D';
const CONNECTION_STRING = `HostName=contoso-hub.azure-devices.net;DeviceId=gateway-7;SharedAccessKey=${KEY}`;
const SAS_TOKEN = `SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fgateway-7&sig=${SIG}&se=1798761600`;

describe('redactTypedText', () => {
  it('leaves text without secrets as typed, trimmed', () => {
    assert.deepEqual(redactTypedText('  Hub unavailable for 20 min; password rotation is not the cause  '), {
      text: 'Hub unavailable for 20 min; password rotation is not the cause',
      secretsRemoved: [],
    });
    assert.deepEqual(redactTypedText('   '), { text: '', secretsRemoved: [] });
  });

  it('replaces the value of every secret and says which kinds were removed', () => {
    const typed = redactTypedText(`Devices down, tried ${CONNECTION_STRING} and ${SAS_TOKEN}`);
    assert.equal(typed.text.includes(KEY), false);
    assert.equal(typed.text.includes(SIG), false);
    assert.match(typed.text, /^Devices down, tried HostName=contoso-hub\.azure-devices\.net;DeviceId=gateway-7;SharedAccessKey=\[REDACTED\] and SharedAccessSignature sr=.*&sig=\[REDACTED\]&se=1798761600$/);
    assert.deepEqual(typed.secretsRemoved, ['shared-access-key', 'sas-signature']);
  });

  it('is empty when only secrets (and the names that introduce them) were typed', () => {
    const onlySecrets: [string, string[]][] = [
      [CONNECTION_STRING, ['shared-access-key']],
      [`  ${SAS_TOKEN}\n`, ['sas-signature']],
      [`SharedAccessKey = ${KEY}`, ['shared-access-key']],
      [`"primaryKey": "${KEY}"`, ['primary-key']],
      [`password: ${KEY}`, ['connection-string-password']],
      [`Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl`, ['bearer-token']],
      [`${CONNECTION_STRING} ; ${SAS_TOKEN}`, ['shared-access-key', 'sas-signature']],
    ];
    for (const [typed, kinds] of onlySecrets) {
      assert.deepEqual(redactTypedText(typed), { text: '', secretsRemoved: kinds }, typed);
    }
  });

  it('keeps a redacted text that also says something of its own', () => {
    for (const typed of [`why: ${CONNECTION_STRING}`, `${SAS_TOKEN} fails since 10:00`, `Bearer ${KEY} rejected 401`]) {
      const result = redactTypedText(typed);
      assert.notEqual(result.text, '', typed);
      assert.match(result.text, /\[REDACTED\]/, typed);
      assert.equal(result.text.includes(KEY) || result.text.includes(SIG), false, typed);
    }
  });
});
