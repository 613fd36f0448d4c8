// Bearer tokens of the operator endpoints (AUDIT_API_TOKEN, OPS_TOKEN), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison of the presented bearer token with the configured one. */
export function bearerMatches(authorization: string, token: string): boolean {
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1] ?? '';
  // Hashing first gives equal lengths, so timingSafeEqual never short-circuits on length.
  const equal = timingSafeEqual(digest(presented), digest(token));
  return equal && presented !== '';
}
