import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { decodePng, encodePng, readPngHeader } from '../../../scripts/manifest/png.ts';

function pixels(width: number, height: number, channels: number): Uint8Array {
  return Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37 + (i >> 3)) & 0xff);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** An independent PNG writer that cycles through all five filter types, row by row. */
function filteredPng(width: number, height: number, colorType: 2 | 6, raw: Uint8Array): Buffer {
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const value = raw[y * stride + x] ?? 0;
      const left = x >= bpp ? (raw[y * stride + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (raw[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bpp ? (raw[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      rows.push((value - predictor) & 0xff);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG', () => {
  it('round-trips RGBA pixels through encodePng/decodePng', () => {
    const image = { width: 7, height: 5, rgba: pixels(7, 5, 4) };
    const decoded = decodePng(encodePng(image));
    assert.equal(decoded.width, 7);
    assert.equal(decoded.height, 5);
    assert.deepEqual(decoded.rgba, image.rgba);
  });

  it('undoes every filter type (none, sub, up, average, paeth) in RGBA images', () => {
    const raw = pixels(9, 10, 4);
    assert.deepEqual(decodePng(filteredPng(9, 10, 6, raw)).rgba, raw);
  });

  it('decodes RGB images as opaque RGBA', () => {
    const raw = pixels(4, 6, 3);
    const { rgba } = decodePng(filteredPng(4, 6, 2, raw));
    for (let i = 0; i < 4 * 6; i++) {
      assert.deepEqual([...rgba.subarray(i * 4, i * 4 + 4)], [raw[i * 3], raw[i * 3 + 1], raw[i * 3 + 2], 255]);
    }
  });

  it('reads the header without decoding', () => {
    const header = readPngHeader(encodePng({ width: 192, height: 3, rgba: new Uint8Array(192 * 3 * 4) }));
    assert.deepEqual(header, { width: 192, height: 3, bitDepth: 8, colorType: 6, interlace: 0 });
  });

  it('rejects files that are not PNG or have a damaged chunk', () => {
    assert.throws(() => readPngHeader(Buffer.from('GIF89a and then some more bytes here')), /not a PNG/);
    const png = encodePng({ width: 2, height: 2, rgba: pixels(2, 2, 4) });
    const damaged = Buffer.from(png);
    damaged.writeUInt8((damaged[40] ?? 0) ^ 0xff, 40); // inside IDAT
    assert.throws(() => decodePng(damaged), /bad CRC|incorrect|invalid/i);
  });
});
