// One diagnosis post per message: Teams retries a slow submitAction and people double-click. The first
// invoke claims the message; later ones within the TTL find it claimed. A post that fails (the bot is
// not in the conversation, the connector is down) releases its claim, so the user can try again.
import { ExpiringKeys } from './expiring-keys.ts';
import type { ExpiringKeysOptions } from './expiring-keys.ts';

export type PostClaimsOptions = ExpiringKeysOptions;

export class PostClaims {
  private readonly claims: ExpiringKeys;

  constructor(options: PostClaimsOptions = {}) {
    this.claims = new ExpiringKeys(options);
  }

  /** True when the key was free (and is now claimed); false when someone claimed it within the TTL. */
  claim(key: string): boolean {
    return this.claims.add(key);
  }

  release(key: string): void {
    this.claims.delete(key);
  }
}
