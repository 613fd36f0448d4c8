// Which Resource Manager endpoint to talk to, and how to authenticate there. https everywhere; plain
// http only for a loopback host (the local ARM simulator), where a fixed local token is sent.

export type ArmEndpoint =
  | { kind: 'https'; url: string; scope: string }
  | { kind: 'loopback-http'; url: string };

export class ArmEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArmEndpointError';
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

export function parseArmEndpoint(raw: string): ArmEndpoint {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ArmEndpointError(`ARM_ENDPOINT is not a valid URL`);
  }
  if (url.username !== '' || url.password !== '') throw new ArmEndpointError('ARM_ENDPOINT must not contain credentials');
  if (url.search !== '' || url.hash !== '') throw new ArmEndpointError('ARM_ENDPOINT must not have a query or fragment');
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  if (url.protocol === 'https:') return { kind: 'https', url: base, scope: `${url.protocol}//${url.host}/.default` };
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new ArmEndpointError(
        `ARM_ENDPOINT ${url.protocol}//${url.host} uses plain http on a non-loopback host; bearer tokens are only sent over https (http is allowed for the local simulator on 127.0.0.1, ::1 or localhost)`,
      );
    }
    return { kind: 'loopback-http', url: base };
  }
  throw new ArmEndpointError(`ARM_ENDPOINT must use https (got ${url.protocol.replace(':', '')})`);
}
