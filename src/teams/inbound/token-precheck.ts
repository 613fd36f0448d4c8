// A cheap look at the Authorization header before botbuilder verifies it. It never accepts anything (a token
// that passes still goes through botbuilder's full validation); it only turns away, with a precise reason,
// tokens that cannot be valid for this bot: not a Bearer JWT, too large, a signing algorithm Bot Framework does
// not use, another audience, long expired. Those then cost no signing-key download and leave no noise from
// botbuilder (which prints an expired token's stack to the console).

export type TokenProblem = 'missing' | 'not-bearer' | 'too-large' | 'malformed' | 'algorithm' | 'audience' | 'expired';

/** Bot Framework tokens are one or two kilobytes. */
export const MAX_TOKEN_CHARS = 8192;

/** What botbuilder accepts (AuthenticationConstants.AllowedSigningAlgorithms). */
const SIGNING_ALGORITHMS: ReadonlySet<string> = new Set(['RS256', 'RS384', 'RS512']);

/** botbuilder's clock tolerance for channel tokens. */
const CLOCK_SKEW_SECONDS = 300;

// botbuilder splits the header on one space and wants the exact scheme "Bearer".
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function audienceIncludes(audience: unknown, appId: string): boolean {
  const wanted = appId.toLowerCase();
  const matches = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase() === wanted;
  return Array.isArray(audience) ? audience.some(matches) : matches(audience);
}

/** Why the header cannot carry a valid token for `appId` at `nowMs`; null when botbuilder must decide. */
export function tokenProblem(authorization: string, appId: string, nowMs: number): TokenProblem | null {
  if (authorization.trim() === '') return 'missing';
  if (authorization.length > MAX_TOKEN_CHARS) return 'too-large';
  if (!authorization.startsWith('Bearer ')) return 'not-bearer';
  const parts = BEARER_JWT.exec(authorization);
  const header = parts?.[1] === undefined ? null : jsonObject(parts[1]);
  const payload = parts?.[2] === undefined ? null : jsonObject(parts[2]);
  if (header === null || payload === null) return 'malformed';
  if (typeof header['alg'] !== 'string' || !SIGNING_ALGORITHMS.has(header['alg'])) return 'algorithm';
  if (!audienceIncludes(payload['aud'], appId)) return 'audience';
  const expiry = payload['exp'];
  if (typeof expiry === 'number' && expiry + CLOCK_SKEW_SECONDS < nowMs / 1000) return 'expired';
  return null;
}
