// A stand-in for Entra ID on loopback: a tenant's signing keys at /{tenant}/discovery/v2.0/keys, and
// access tokens signed with them as Azure's "AZNS AAD Webhook" gets them for a secure webhook.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { ACTION_GROUP_APP_ID } from '#src/http/entra-webhook-token.ts';

export const WEBHOOK_TENANT = '8a0b6f3c-2d4e-4f51-9a7b-3c5d7e9f1a2b';
export const WEBHOOK_AUDIENCE = 'api://iothub-oncall-alerts';
export const WEBHOOK_ROLE = 'ActionGroupsSecureWebhook';

export interface TokenClaims {
  aud?: string;
  tid?: string;
  appid?: string;
  azp?: string;
  roles?: string[];
  iss?: string;
  expiresInSeconds?: number;
  /** Sign with a key the tenant does not publish. */
  foreignKey?: boolean;
  version?: '1.0' | '2.0';
}

export interface FakeEntra {
  /** The authority to configure (ALERTS_WEBHOOK_ENTRA_AUTHORITY). */
  readonly authority: string;
  /** How many times the keys were downloaded. */
  keyDownloads(): number;
  token(claims?: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid: 'published-key', use: 'sig', alg: 'RS256' };
  let downloads = 0;
  const server = createServer((req, res) => {
    if (req.url === `/${WEBHOOK_TENANT}/discovery/v2.0/keys`) {
      downloads++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authority,
    keyDownloads: () => downloads,
    async token(claims = {}) {
      const version = claims.version ?? '1.0';
      const key: CryptoKey = claims.foreignKey ? foreign.privateKey : published.privateKey;
      const caller = version === '1.0' ? { appid: claims.appid ?? ACTION_GROUP_APP_ID } : { azp: claims.azp ?? ACTION_GROUP_APP_ID };
      return new SignJWT({ tid: claims.tid ?? WEBHOOK_TENANT, roles: claims.roles ?? [WEBHOOK_ROLE], ver: version, ...caller })
        .setProtectedHeader({ alg: 'RS256', kid: 'published-key', typ: 'JWT' })
        .setIssuer(claims.iss ?? (version === '1.0' ? `${authority}/${WEBHOOK_TENANT}/` : `${authority}/${WEBHOOK_TENANT}/v2.0`))
        .setAudience(claims.aud ?? WEBHOOK_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresInSeconds ?? 3600))
        .sign(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
