// Who may read /readyz and /metrics on a listener. They cost the bot something (a readiness check reaches
// ARM and the store; metrics describe the traffic), so on a public listener they are not for anonymous callers.
import { bearerMatches } from './bearer.ts';

export type OperationsAccess =
  /** Anyone who reaches the listener: local mode (loopback only), or the operations listener. */
  | { kind: 'open' }
  /** Only with `Authorization: Bearer <token>` (OPS_TOKEN). */
  | { kind: 'bearer'; token: string }
  /** Not served on this listener (404): auth is on and no OPS_TOKEN is configured. */
  | { kind: 'closed' };

/** The main listener's access: open in local mode; with auth on, the OPS_TOKEN bearer or nothing. */
export function mainListenerAccess(authEnabled: boolean, token: string | null): OperationsAccess {
  if (!authEnabled) return { kind: 'open' };
  return token === null ? { kind: 'closed' } : { kind: 'bearer', token };
}

export type Admission = 'admitted' | 'not-found' | 'unauthorized';

export function admitOperations(access: OperationsAccess, authorization: string): Admission {
  switch (access.kind) {
    case 'open':
      return 'admitted';
    case 'closed':
      return 'not-found';
    case 'bearer':
      return bearerMatches(authorization, access.token) ? 'admitted' : 'unauthorized';
  }
}
