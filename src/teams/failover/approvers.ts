// Who the approvers are in Teams terms. FAILOVER_APPROVERS lists Entra object ids; a card's refresh.userIds
// needs their Teams user ids (MRIs, 29:…), which are specific to this bot. They are learned from the
// conversation roster when a proposal is made (paged, bounded, cached) and from every activity an approver
// sends, and kept in the state store so a restarted bot (or another instance) knows them too.
import { TeamsInfo } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import type { StateStore } from '../../core/store.ts';
import { updateDocument } from '../../core/store.ts';
import type { Actor } from '../../failover/index.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { beforeDeadline } from '../../core/abort.ts';

export const APPROVER_MRIS_KEY = 'teams/approver-mris';

/** Teams auto-refreshes a card without userIds only in conversations of at most this many members. */
export const SMALL_CONVERSATION_MEMBERS = 60;

const ROSTER_PAGE_SIZE = 500;
const ROSTER_MAX_PAGES = 10;
const ROSTER_CACHE_MS = 15 * 60_000;

interface ApproverMrisDocument {
  /** Entra object id (lower case) → Teams user id. */
  byAadObjectId: Record<string, string>;
}

export interface RosterFacts {
  /** Members counted when the whole roster was read; null when it was not (too big, slow, refused). */
  memberCount: number | null;
}

export interface ApproverDirectoryDeps {
  approvers: readonly string[];
  store: StateStore;
  logger: Logger;
  now?: () => number;
}

function isMri(value: unknown): value is string {
  return typeof value === 'string' && /^29:[\w.~:@-]{1,200}$/.test(value);
}

export class ApproverDirectory {
  private readonly approvers: ReadonlySet<string>;
  private readonly store: StateStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly mris = new Map<string, string>();
  private readonly rosters = new Map<string, { at: number; facts: RosterFacts }>();
  private loaded: Promise<void> | null = null;

  constructor(deps: ApproverDirectoryDeps) {
    this.approvers = new Set(deps.approvers.map((id) => id.toLowerCase()));
    this.store = deps.store;
    this.log = deps.logger.child({ component: 'approvers' });
    this.now = deps.now ?? Date.now;
  }

  get configured(): boolean {
    return this.approvers.size > 0;
  }

  isApprover(aadObjectId: string | null | undefined): boolean {
    return typeof aadObjectId === 'string' && this.approvers.has(aadObjectId.toLowerCase());
  }

  /** Remembers an approver's MRI from an activity they sent (or a roster entry). */
  async learn(account: Pick<Actor, 'id' | 'aadObjectId'>): Promise<void> {
    await this.learnMany([account]);
  }

  /** The known approver MRIs, except the given Entra object id (the requester). */
  async knownMris(exceptAadObjectId: string | null = null): Promise<string[]> {
    await this.load();
    const except = exceptAadObjectId?.toLowerCase() ?? null;
    return [...this.mris.entries()].filter(([aad]) => aad !== except && this.approvers.has(aad)).map(([, mri]) => mri);
  }

  /**
   * Reads the roster of the turn's conversation (the team's in a channel), at most `budgetMs`, learns the
   * approvers in it and says how big the conversation is. Cached per conversation.
   */
  async learnFromRoster(turn: TurnContext, budgetMs: number): Promise<RosterFacts> {
    const key = turn.activity.channelData?.team?.id ?? turn.activity.conversation?.id ?? '';
    if (turn.activity.conversation?.conversationType === 'personal') return { memberCount: 2 };
    const cached = this.rosters.get(key);
    if (cached && this.now() - cached.at < ROSTER_CACHE_MS) return cached.facts;
    const found: Pick<Actor, 'id' | 'aadObjectId'>[] = [];
    let members = 0;
    let complete = false;
    const signal = AbortSignal.timeout(budgetMs);
    try {
      let token: string | undefined;
      for (let page = 0; page < ROSTER_MAX_PAGES; page++) {
        const result = await beforeDeadline(TeamsInfo.getPagedMembers(turn, ROSTER_PAGE_SIZE, token), signal);
        for (const member of result.members ?? []) {
          members += 1;
          if (isMri(member.id) && this.isApprover(member.aadObjectId)) found.push({ id: member.id, aadObjectId: member.aadObjectId ?? null });
        }
        token = result.continuationToken || undefined;
        if (token === undefined) {
          complete = true;
          break;
        }
      }
    } catch (error) {
      this.log.info({ ...errorFields(error, { withMessage: false }) }, 'roster not read (approvers are learned from their activities instead)');
    }
    await this.learnMany(found);
    const facts: RosterFacts = { memberCount: complete ? members : null };
    this.rosters.set(key, { at: this.now(), facts });
    return facts;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      try {
        const item = await this.store.get<ApproverMrisDocument>(APPROVER_MRIS_KEY);
        for (const [aad, mri] of Object.entries(item?.value.byAadObjectId ?? {})) {
          if (isMri(mri) && !this.mris.has(aad)) this.mris.set(aad, mri);
        }
      } catch (error) {
        this.loaded = null;
        this.log.warn({ ...errorFields(error) }, 'known approvers could not be read from the store');
      }
    })();
    return this.loaded;
  }

  private async learnMany(accounts: readonly Pick<Actor, 'id' | 'aadObjectId'>[]): Promise<void> {
    await this.load();
    const fresh: [string, string][] = [];
    for (const account of accounts) {
      const aad = account.aadObjectId?.toLowerCase() ?? '';
      if (!this.approvers.has(aad) || !isMri(account.id) || this.mris.get(aad) === account.id) continue;
      this.mris.set(aad, account.id);
      fresh.push([aad, account.id]);
    }
    if (fresh.length === 0) return;
    try {
      await updateDocument<ApproverMrisDocument>(this.store, APPROVER_MRIS_KEY, (current) => {
        const byAadObjectId = { ...(current?.byAadObjectId ?? {}) };
        if (fresh.every(([aad, mri]) => byAadObjectId[aad] === mri)) return undefined;
        for (const [aad, mri] of fresh) byAadObjectId[aad] = mri;
        return { byAadObjectId };
      });
    } catch (error) {
      // Only the refresh list suffers: the approvers still act, and are learned again on their next click.
      this.log.warn({ ...errorFields(error) }, 'known approvers could not be saved');
    }
  }
}
