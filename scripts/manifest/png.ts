// Just enough PNG for the app icons: read the header, decode and encode 8-bit, non-interlaced
// truecolour images (RGB or RGBA, the formats Chromium writes). Not a general PNG library.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const COLOR_TYPE_RGB = 2;
const COLOR_TYPE_RGBA = 6;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** An image as straight (not premultiplied) RGBA bytes, row by row, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

interface Chunk {
  type: string;
  data: Buffer;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.equals(bytes.subarray(0, SIGNATURE.length));
}

function* chunksOf(bytes: Buffer): Generator<Chunk> {
  let offset = SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error(`truncated PNG chunk ${type}`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const storedCrc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== storedCrc) throw new Error(`bad CRC in PNG chunk ${type}`);
    yield { type, data };
    if (type === 'IEND') return;
    offset = end;
  }
  throw new Error('PNG has no IEND chunk');
}

/** Reads the IHDR chunk (which the PNG format requires to come first). */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buffer)) throw new Error('not a PNG file (bad signature)');
  if (buffer.length < 33 || buffer.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG does not start with an IHDR chunk');
  return {
    width: buffer.readUInt32BE(16),
    height: buffer.readUInt32BE(20),
    bitDepth: buffer.readUInt8(24),
    colorType: buffer.readUInt8(25),
    interlace: buffer.readUInt8(28),
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const dLeft = Math.abs(estimate - left);
  const dUp = Math.abs(estimate - up);
  const dUpLeft = Math.abs(estimate - upLeft);
  if (dLeft <= dUp && dLeft <= dUpLeft) return left;
  return dUp <= dUpLeft ? up : upLeft;
}

function unfilter(filtered: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const stride = width * bytesPerPixel;
  if (filtered.length !== height * (stride + 1)) throw new Error('PNG image data has an unexpected size');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    const row = filtered.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = row[x] ?? 0;
      const left = x >= bytesPerPixel ? (out[at + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[at - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (out[at - stride + x - bytesPerPixel] ?? 0) : 0;
      let value: number;
      switch (filter) {
        case 0: value = raw; break;
        case 1: value = raw + left; break;
        case 2: value = raw + up; break;
        case 3: value = raw + ((left + up) >> 1); break;
        case 4: value = raw + paeth(left, up, upLeft); break;
        default: throw new Error(`unknown PNG filter type ${String(filter)}`);
      }
      out[at + x] = value & 0xff;
    }
  }
  return out;
}

/** Decodes an 8-bit non-interlaced RGB or RGBA PNG into RGBA pixels. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const header = readPngHeader(bytes);
  const { width, height, bitDepth, colorType, interlace } = header;
  if (bitDepth !== 8 || (colorType !== COLOR_TYPE_RGB && colorType !== COLOR_TYPE_RGBA) || interlace !== 0) {
    throw new Error(`unsupported PNG format (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); expected 8-bit RGB/RGBA, not interlaced`);
  }
  const idat: Buffer[] = [];
  for (const chunk of chunksOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
    if (chunk.type === 'IDAT') idat.push(chunk.data);
  }
  const bytesPerPixel = colorType === COLOR_TYPE_RGBA ? 4 : 3;
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, bytesPerPixel);
  if (bytesPerPixel === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) {
    rgba[j] = pixels[i] ?? 0;
    rgba[j + 1] = pixels[i + 1] ?? 0;
    rgba[j + 2] = pixels[i + 2] ?? 0;
    rgba[j + 3] = 255;
  }
  return { width, height, rgba };
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as an 8-bit RGBA PNG (filter "none" on every row, no metadata chunks). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match width x height x 4');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(COLOR_TYPE_RGBA, 9);
  const stride = width * 4;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
