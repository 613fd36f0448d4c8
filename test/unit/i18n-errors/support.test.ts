import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { supportBlock, type SupportFields } from '#src/i18n/errors/support.ts';

const full: SupportFields = {
  hubHostName: 'contoso-prod.azure-devices.net',
  code: 500001,
  name: 'ServerError',
  trackingIds: ['aa761f96e9174d0e849c96a8b2e10a8c-G:10-TimeStamp:03/14/2024 09:54:49'],
  timestamps: ['2024-03-14T09:54:49.6536567Z'],
  deviceIds: ['sensor-01', 'sensor-02'],
  count: 3,
  timeSpan: { from: '2024-03-14T09:50:00Z', to: '2024-03-14T09:55:00Z' },
};

const empty: SupportFields = { trackingIds: [], timestamps: [], deviceIds: [] };

describe('supportBlock (en)', () => {
  it('lists every field on its own line, tracking ids and UTC timestamps first', () => {
    assert.equal(
      supportBlock('en', full),
      [
        'Azure IoT Hub error details for support',
        'Tracking IDs: aa761f96e9174d0e849c96a8b2e10a8c-G:10-TimeStamp:03/14/2024 09:54:49',
        'Timestamps (UTC): 2024-03-14T09:54:49.6536567Z',
        'IoT hub: contoso-prod.azure-devices.net',
        'Error code: 500001',
        'Error name: ServerError',
        'Device IDs: sensor-01, sensor-02',
        'Occurrences: 3',
        'Time span (UTC): 2024-03-14T09:50:00Z to 2024-03-14T09:55:00Z',
      ].join('\n'),
    );
  });

  it('leaves out empty, null and missing fields', () => {
    const block = supportBlock('en', { ...empty, code: null, name: null, hubHostName: '  ', count: 0, timeSpan: null, trackingIds: ['abc'] });
    assert.equal(block, 'Azure IoT Hub error details for support\nTracking IDs: abc');
    for (const label of ['Timestamps', 'IoT hub', 'Error code', 'Error name', 'Device IDs', 'Occurrences', 'Time span']) {
      assert.ok(!block.includes(label), label);
    }
  });

  it('returns an empty string when there is nothing to report', () => {
    assert.equal(supportBlock('en', empty), '');
    assert.equal(supportBlock('fr', { ...empty, trackingIds: ['', '  '] }), '');
  });

  it('keeps the field order when only some fields are present', () => {
    const block = supportBlock('en', { ...empty, deviceIds: ['d1'], timestamps: ['2024-01-01T00:00:00Z'], code: 429001 });
    assert.deepEqual(
      block.split('\n').map((line) => line.split(':')[0]),
      ['Azure IoT Hub error details for support', 'Timestamps (UTC)', 'Error code', 'Device IDs'],
    );
  });

  it('converts timestamps with an offset to UTC and flags those without a zone', () => {
    const block = supportBlock('en', { ...empty, timestamps: ['2024-03-14T11:54:49+02:00', '03/14/2024 09:54:49'] });
    assert.match(block, /Timestamps \(UTC\): 2024-03-14T09:54:49\.000Z, 03\/14\/2024 09:54:49 \(time zone not stated\)/);
  });

  it('deduplicates values, keeps one field per line and caps long lists', () => {
    const ids = Array.from({ length: 13 }, (_, i) => `dev-${i}`);
    const block = supportBlock('en', { ...empty, trackingIds: ['t1', 't1', 'line\nbreak'], deviceIds: ids });
    const lines = block.split('\n');
    assert.equal(lines[1], 'Tracking IDs: t1, line break');
    assert.equal(lines[2], `Device IDs: ${ids.slice(0, 10).join(', ')} (+3 more)`);
    assert.equal(lines.length, 3);
  });

  it('is pure: same input, same output, input untouched', () => {
    const input: SupportFields = structuredClone(full);
    const first = supportBlock('en', input);
    assert.equal(supportBlock('en', input), first);
    assert.deepEqual(input, full);
  });
});

describe('supportBlock (fr)', () => {
  it('uses French labels with a no-break space before the colon', () => {
    const block = supportBlock('fr', full);
    const lines = block.split('\n');
    assert.equal(lines[0], 'Détails de l’erreur Azure IoT Hub pour le support');
    assert.equal(lines[1], 'Identifiants de suivi (tracking id)\u00a0: aa761f96e9174d0e849c96a8b2e10a8c-G:10-TimeStamp:03/14/2024 09:54:49');
    assert.equal(lines[2], 'Horodatages (UTC)\u00a0: 2024-03-14T09:54:49.6536567Z');
    assert.equal(lines[3], 'Hub IoT\u00a0: contoso-prod.azure-devices.net');
    assert.equal(lines[4], 'Code d’erreur\u00a0: 500001');
    assert.equal(lines[5], 'Nom de l’erreur\u00a0: ServerError');
    assert.equal(lines[6], 'Identifiants d’appareil\u00a0: sensor-01, sensor-02');
    assert.equal(lines[7], 'Occurrences\u00a0: 3');
    assert.equal(lines[8], 'Période (UTC)\u00a0: du 2024-03-14T09:50:00Z au 2024-03-14T09:55:00Z');
    assert.equal(lines.length, 9);
  });

  it('localises the notes on values', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `t${i}`);
    const block = supportBlock('fr', { ...empty, trackingIds: ids, timestamps: ['14/03/2024 09:54'] });
    assert.match(block, /\(\+1 autre\)/);
    assert.match(supportBlock('fr', { ...empty, deviceIds: Array.from({ length: 12 }, (_, i) => `d${i}`) }), /\(\+2 autres\)$/);
    assert.match(block, /14\/03\/2024 09:54 \(fuseau horaire non précisé\)/);
  });
});
