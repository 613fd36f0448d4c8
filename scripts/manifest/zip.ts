// A minimal ZIP writer and reader (PKWARE APPNOTE 6.3): stored or deflated entries, no ZIP64,
// no encryption, no data descriptors. Enough for a Teams app package of a few small files.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const VERSION_NEEDED = 20;
const VERSION_MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED;
const UNIX_REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  data: Buffer;
}

/** Fixed timestamp (the DOS epoch, 1980-01-01 00:00) so the same inputs give byte-identical packages. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The fields a local header (from offset 4) and a central directory header (from offset 6) share, in order. */
interface SharedHeaderFields {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
  extraLength: number;
}

const LOCAL_SHARED_AT = 4;
const CENTRAL_SHARED_AT = 6;

function writeSharedFields(header: Buffer, at: number, fields: SharedHeaderFields): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(fields.flags, at + 2);
  header.writeUInt16LE(fields.method, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.compressedSize, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(fields.nameLength, at + 22);
  header.writeUInt16LE(fields.extraLength, at + 24);
}

function readSharedFields(zip: Buffer, at: number): SharedHeaderFields {
  return {
    flags: zip.readUInt16LE(at + 2),
    method: zip.readUInt16LE(at + 4),
    crc: zip.readUInt32LE(at + 10),
    compressedSize: zip.readUInt32LE(at + 14),
    size: zip.readUInt32LE(at + 18),
    nameLength: zip.readUInt16LE(at + 22),
    extraLength: zip.readUInt16LE(at + 24),
  };
}

function assertEntryName(name: string): void {
  if (name.length === 0 || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
    throw new Error(`invalid zip entry name "${name}"`);
  }
}

export function writeZip(inputs: readonly ZipInput[]): Buffer {
  if (inputs.length > MAX_ENTRIES) throw new Error('too many zip entries (ZIP64 not supported)');
  const names = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    assertEntryName(input.name);
    if (names.has(input.name)) throw new Error(`duplicate zip entry "${input.name}"`);
    names.add(input.name);
    const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? METHOD_DEFLATED : METHOD_STORED;
    const body = method === METHOD_DEFLATED ? deflated : data;
    if (data.length > MAX_SIZE || offset > MAX_SIZE) throw new Error('zip too large (ZIP64 not supported)');
    const crc = crc32(data);
    const name = Buffer.from(input.name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(input.name) ? 0 : 0x0800; // bit 11: name is UTF-8
    const shared: SharedHeaderFields = { flags, method, crc, compressedSize: body.length, size: data.length, nameLength: name.length, extraLength: 0 };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeSharedFields(local, LOCAL_SHARED_AT, shared);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY_UNIX, 4);
    writeSharedFields(central, CENTRAL_SHARED_AT, shared);
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(UNIX_REGULAR_FILE_0644, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, centralDirectory, end]);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip file (no end-of-central-directory record)');
}

/**
 * Reads every entry through the central directory, cross-checks each local header, inflates the
 * data and verifies its CRC-32 and size. Throws on any inconsistency.
 */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (at + directorySize !== end) throw new Error('central directory does not end where the end record starts');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`bad central directory header for entry ${i}`);
    const { flags, method, crc, compressedSize, size, nameLength, extraLength } = readSharedFields(zip, at + CENTRAL_SHARED_AT);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x0001) throw new Error(`entry ${name} is encrypted`);
    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`bad local header for entry ${name}`);
    const local = readSharedFields(zip, localOffset + LOCAL_SHARED_AT);
    const localName = zip.toString('utf8', localOffset + 30, localOffset + 30 + local.nameLength);
    if (localName !== name || local.method !== method || local.crc !== crc || local.compressedSize !== compressedSize || local.size !== size) {
      throw new Error(`local header of entry ${name} disagrees with the central directory`);
    }
    const start = localOffset + 30 + local.nameLength + local.extraLength;
    const body = zip.subarray(start, start + compressedSize);
    if (body.length !== compressedSize) throw new Error(`entry ${name} is truncated`);
    let data: Buffer;
    if (method === METHOD_STORED) data = Buffer.from(body);
    else if (method === METHOD_DEFLATED) data = inflateRawSync(body);
    else throw new Error(`entry ${name} uses unsupported compression method ${method}`);
    if (data.length !== size) throw new Error(`entry ${name}: size ${data.length} does not match the recorded ${size}`);
    if (crc32(data) !== crc) throw new Error(`entry ${name}: CRC-32 mismatch`);
    entries.push({ name, method, crc32: crc, compressedSize, data });
  }
  return entries;
}
