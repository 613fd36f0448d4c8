// Azure Monitor's secure webhook: the action group calls with an Entra access token that its service
// principal ("AZNS AAD Webhook") obtained for our application. The token is checked with jose (signature
// against the tenant's published keys, issuer, audience, lifetime), then the claims that make it an action
// group's: the calling application is AZNS AAD Webhook and holds the app role the operator granted it.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { EntraWebhookConfig } from '../config.ts';

/** The application id of Microsoft's "AZNS AAD Webhook", the caller of every secure webhook. */
export const ACTION_GROUP_APP_ID = '461e8683-5575-4561-ac7f-899cc907d62a';

export type TokenCheck = { ok: true } | { ok: false; reason: TokenRefusal };

export const TOKEN_REFUSALS = [
  'not-a-bearer-token',
  'expired',
  'bad-signature',
  'unknown-signing-key',
  'wrong-issuer',
  'wrong-audience',
  'wrong-tenant',
  'not-an-action-group',
  'missing-role',
  'signing-keys-unavailable',
  'invalid-token',
] as const;

export type TokenRefusal = (typeof TOKEN_REFUSALS)[number];

export interface EntraTokenVerifier {
  verify(authorization: string): Promise<TokenCheck>;
}

/**
 * The issuers of this authority's tokens, v2 then v1. v1 tokens name the cloud's sts; v2 tokens name the
 * authority itself, except in the China cloud (21Vianet), whose v2 issuer is login.partner.microsoftonline.cn
 * (Microsoft Q&A 1190472, "token issuers for the sovereign clouds").
 */
export function acceptedIssuers(authority: string, tenantId: string): [v2: string, v1: string] {
  const host = new URL(authority).hostname;
  if (host === 'login.chinacloudapi.cn') return [`https://login.partner.microsoftonline.cn/${tenantId}/v2.0`, `https://sts.chinacloudapi.cn/${tenantId}/`];
  const v2 = `${authority}/${tenantId}/v2.0`;
  if (host.endsWith('microsoftonline.com') || host.endsWith('microsoftonline.us')) return [v2, `https://sts.windows.net/${tenantId}/`];
  // A loopback authority (tests) issues its v1 tokens under its own URL.
  return [v2, `${authority}/${tenantId}/`];
}

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'nbf' || error.claim === 'exp') return 'expired';
    return 'invalid-token';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown-signing-key';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof Error && error.name === 'TypeError')) return 'signing-keys-unavailable';
  return 'invalid-token';
}

function claimText(payload: JWTPayload, name: string): string {
  const value = payload[name];
  return typeof value === 'string' ? value.toLowerCase() : '';
}

export function createEntraTokenVerifier(config: EntraWebhookConfig): EntraTokenVerifier {
  const keys = createRemoteJWKSet(new URL(`${config.authority}/${config.tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  const issuers = acceptedIssuers(config.authority, config.tenantId);
  return {
    async verify(authorization) {
      const token = /^Bearer[ \t]+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)[ \t]*$/.exec(authorization)?.[1];
      if (token === undefined) return { ok: false, reason: 'not-a-bearer-token' };
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: issuers, audience: [...config.audiences], algorithms: ['RS256'], clockTolerance: 60, requiredClaims: ['exp'] }));
      } catch (error) {
        return { ok: false, reason: refusalOf(error) };
      }
      if (claimText(payload, 'tid') !== config.tenantId) return { ok: false, reason: 'wrong-tenant' };
      // v1 tokens name the calling application in appid, v2 tokens in azp.
      const caller = claimText(payload, 'appid') || claimText(payload, 'azp');
      if (caller !== ACTION_GROUP_APP_ID) return { ok: false, reason: 'not-an-action-group' };
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      if (!roles.includes(config.role)) return { ok: false, reason: 'missing-role' };
      return { ok: true };
    },
  };
}
