// Reads a JSON request body with a hard size limit. Our own reader instead of restify's bodyParser: that one
// inflates gzip without bound and formats its own errors; this one answers every bad body with a typed
// rejection that the server turns into a small JSON error.
import type { IncomingMessage } from 'node:http';

export type BodyRejection = {
  ok: false;
  status: 400 | 413 | 415;
  code: 'BodyTooLarge' | 'UnsupportedMediaType' | 'UnsupportedContentEncoding' | 'MalformedJson' | 'NotAnObject' | 'TooDeep' | 'EmptyBody';
  /** The request body was not read to its end: the connection must not be reused. */
  closeConnection: boolean;
};

export type BodyResult = { ok: true; value: Record<string, unknown> } | BodyRejection;

export interface JsonBodyLimits {
  maxBytes: number;
  /** Deepest nesting of objects/arrays accepted (a Bot Framework activity is shallow). */
  maxDepth: number;
}

/** Past this many bytes of an oversized body we stop draining it and drop the connection. */
const DRAIN_FACTOR = 16;

function reject(status: BodyRejection['status'], code: BodyRejection['code'], closeConnection = false): BodyRejection {
  return { ok: false, status, code, closeConnection };
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

/** Deepest nesting level of a parsed JSON value, computed without recursion (no stack overflow on hostile input). */
export function jsonDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, depth } = item;
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(node)) pending.push({ node: child, depth: level });
  }
  return deepest;
}

function collect(req: IncomingMessage, maxBytes: number): Promise<{ tooLarge: boolean; aborted: boolean; data: Buffer }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    let settled = false;
    const finish = (aborted: boolean): void => {
      if (settled) return;
      settled = true;
      resolve({ tooLarge, aborted, data: tooLarge || aborted ? Buffer.alloc(0) : Buffer.concat(chunks) });
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        if (received > maxBytes * DRAIN_FACTOR) {
          // A client that keeps sending far beyond the limit gets its connection cut.
          finish(false);
          req.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(false));
    req.on('error', () => finish(true));
    req.on('close', () => finish(!req.complete));
  });
}

export async function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<BodyResult | { ok: false; aborted: true }> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    req.resume();
    return reject(415, 'UnsupportedContentEncoding', true);
  }
  if (!isJsonMediaType(req.headers['content-type'])) {
    req.resume();
    return reject(415, 'UnsupportedMediaType', true);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    // Answer at once; whatever the client still sends is discarded.
    req.resume();
    return reject(413, 'BodyTooLarge', true);
  }
  const { tooLarge, aborted, data } = await collect(req, limits.maxBytes);
  if (aborted) return { ok: false, aborted: true };
  if (tooLarge) return reject(413, 'BodyTooLarge', true);
  if (data.length === 0) return reject(400, 'EmptyBody');

  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    return reject(400, 'MalformedJson');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return reject(400, 'NotAnObject');
  if (jsonDepth(parsed, limits.maxDepth) > limits.maxDepth) return reject(400, 'TooDeep');
  return { ok: true, value: parsed as Record<string, unknown> };
}
