import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import { readZip, writeZip } from '../../../scripts/manifest/zip.ts';

describe('zip writer and reader', () => {
  const text = Buffer.from('{"hello":"world"}\n'.repeat(50), 'utf8');
  // Deterministic but incompressible bytes, so the writer has to store them.
  const random = Buffer.concat(Array.from({ length: 10 }, (_, i) => createHash('sha256').update(`block ${i}`).digest()));

  it('round-trips entries, deflating what compresses and storing what does not', () => {
    const zip = writeZip([{ name: 'manifest.json', data: text }, { name: 'noise.bin', data: random }, { name: 'empty.txt', data: new Uint8Array() }]);
    const entries = readZip(zip);
    assert.deepEqual(entries.map((entry) => entry.name), ['manifest.json', 'noise.bin', 'empty.txt']);
    assert.equal(entries[0]?.method, 8);
    assert.ok((entries[0]?.compressedSize ?? Infinity) < text.length);
    assert.equal(entries[1]?.method, 0);
    assert.deepEqual(entries[0]?.data, text);
    assert.deepEqual(entries[1]?.data, random);
    assert.equal(entries[2]?.data.length, 0);
    assert.equal(entries[0]?.crc32, crc32(text));
  });

  it('is deterministic: same inputs, same bytes', () => {
    const first = writeZip([{ name: 'a.txt', data: text }]);
    const second = writeZip([{ name: 'a.txt', data: text }]);
    assert.deepEqual(first, second);
  });

  it('starts with a local file header and ends with an end-of-central-directory record', () => {
    const zip = writeZip([{ name: 'a.txt', data: text }, { name: 'b.txt', data: random }]);
    assert.equal(zip.readUInt32LE(0), 0x04034b50);
    const end = zip.length - 22;
    assert.equal(zip.readUInt32LE(end), 0x06054b50);
    assert.equal(zip.readUInt16LE(end + 10), 2);
    assert.equal(zip.readUInt32LE(end + 16) + zip.readUInt32LE(end + 12), end);
  });

  it('detects corrupted data through the CRC', () => {
    const zip = writeZip([{ name: 'noise.bin', data: random }]);
    const corrupted = Buffer.from(zip);
    const at = 30 + 'noise.bin'.length + 5;
    corrupted.writeUInt8((corrupted[at] ?? 0) ^ 0xff, at);
    assert.throws(() => readZip(corrupted), /CRC-32 mismatch/);
  });

  it('rejects names that would escape the package root, and duplicates', () => {
    assert.throws(() => writeZip([{ name: '../evil.json', data: text }]), /invalid zip entry name/);
    assert.throws(() => writeZip([{ name: '/abs.json', data: text }]), /invalid zip entry name/);
    assert.throws(() => writeZip([{ name: 'a', data: text }, { name: 'a', data: text }]), /duplicate/);
  });

  it('rejects input that is not a zip', () => {
    assert.throws(() => readZip(Buffer.from('definitely not a zip file, just some text')), /not a zip file/);
  });
});
