// What the bot answers, as cards, independent of botbuilder: a paste → redacted and diagnosed by the
// PasteDiagnoser (worker threads, within a time budget), hub + health within the health budget, failover
// advice, diagnosis card (or why the paste was not read); `health <hub>` → health card or a choice of hubs.
import { adviseFailover } from '../../diagnosis/advice.ts';
import type { FailoverAdvice, FailoverEligibility, IneligibilityReason } from '../../diagnosis/advice.ts';
import type { Diagnosis, VerdictKind } from '../../diagnosis/types.ts';
import type { Locale } from '../../core/locale.ts';
import type { Hub, HubHealthResult, HubQuery } from '../../diagnosis/hub.ts';
import type { Actor } from '../../failover/index.ts';
import { markTurnOutcome } from '../../observability/turn-trace.ts';
import type { NotRead, PasteDiagnoser, PasteDiagnosis, PasteLogFields } from '../../workers/diagnoser.ts';
import { diagnosisCard, healthCard, renderDiagnosisCard, renderErrorCard, renderHubChoiceCard, renderNothingRecognisedCard, renderPasteTooLongCard } from '../cards/index.ts';
import type { AdaptiveCard, HubCardPart, RenderedHostCard } from '../cards/index.ts';
import { answeredAtOnce, lookupHubForPaste, lookupNamedHub, lookupUnnamedHub } from './hub-lookup.ts';
import type { HubLookupDeps, HubLookupOutcome } from './hub-lookup.ts';

/** Where the card goes and who asked: given by the Teams layer, opaque here. */
export interface ProposalContext {
  conversationId: string;
  /** ConversationReference of the conversation the card is posted in (stored with the request). */
  reference: unknown;
  requester: Actor | null;
  /** Reads the conversation roster (approvers' MRIs; its size, when read whole); absent where no turn is alive any more. */
  roster?: () => Promise<{ memberCount: number | null }>;
  personal: boolean;
}

export type PreparedProposal =
  /** A request was proposed: put `elements` in the card, send `finalize(rendered).card`, then call afterSend. */
  | { kind: 'offered'; requestId: string; elements: unknown[]; finalize(rendered: RenderedHostCard): { card: AdaptiveCard; afterSend(activityId: string | null): Promise<void> } }
  /** The store could not be written: the card explains it instead of offering a button. */
  | { kind: 'unavailable'; elements: unknown[] }
  /** The hub stopped being eligible between the advice and the proposal. */
  | { kind: 'ineligible'; reasons: IneligibilityReason[] };

/** The failover proposal on a card (src/teams/failover/proposal.ts). */
export interface FailoverProposer {
  eligibility(hub: Hub): Promise<FailoverEligibility>;
  prepare(input: { hub: Hub; health: HubHealthResult | null; locale: Locale; context: ProposalContext }): Promise<PreparedProposal>;
}

/** Whether the hub can fail over now (the failover service: hub facts, daily limits, a failover running). */
export type EligibilityCheck = (hub: Hub) => FailoverEligibility | Promise<FailoverEligibility>;

export interface ReplyDeps {
  /** Reads pastes off the event loop, within a budget (the worker pool; unit tests pass diagnoseInProcess). */
  diagnoser: PasteDiagnoser;
  hubs: HubLookupDeps;
  /** Azure is simulated: every card says so. */
  demo: boolean;
  healthBudgetMs: number;
  eligibility: EligibilityCheck;
  /** Told about every diagnosis that gets a card (metrics). */
  diagnosisObserver?: { diagnosed(diagnosis: Diagnosis): void };
  /** Failover requests: a card whose advice is "worth considering" gets a request button (needs a ProposalContext). */
  failover?: FailoverProposer;
}

/** Log fields describing a reply: ids, codes, verdicts, durations. Never text from the paste. */
export type ReplyLogFields = PasteLogFields;

export interface Reply {
  card: AdaptiveCard;
  log: ReplyLogFields;
  /** Call with the sent card's activity id (a failover proposal on the card records where it is). */
  afterSend?: (activityId: string | null) => Promise<void>;
  /**
   * Present when `card` is sent before the hub lookup and its health have answered (it says "checking the
   * hub's health…"): the complete reply, once they answer, fail or run out of budget, to replace that card in
   * place (see reply-delivery.ts). Absent when the card is complete already (a cached health, no hub).
   */
  complete?: () => Promise<CompleteReply>;
}

/** A reply whose card says everything there is to say. */
export type CompleteReply = Omit<Reply, 'complete'>;

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function hubLogFields(outcome: HubLookupOutcome): ReplyLogFields {
  const { part, hub } = outcome;
  const fields: ReplyLogFields = { hubPart: part.kind, hub: hub?.name ?? null };
  if (part.kind === 'health') {
    if (part.result.ok) fields.healthState = part.result.health.availabilityState;
    else fields.healthFailure = part.result.reason;
  }
  if (part.kind === 'ambiguous') fields.hubCandidates = part.candidates.length;
  return fields;
}

/** The failover advice for the hub part of a card. */
export async function adviceFor(verdict: VerdictKind, part: HubCardPart, eligibility: EligibilityCheck): Promise<FailoverAdvice> {
  const health = part.kind === 'health' ? part.result : null;
  const hub = health?.hub ?? null;
  // Eligibility is only worth reading (store, audit trail) when the health could call for a failover.
  const needed = verdict === 'transient-service' && health !== null && health.ok;
  return adviseFailover({ verdict, health, eligibility: hub && needed ? await eligibility(hub) : null });
}

interface ProposalOutcome {
  advice: FailoverAdvice;
  failover?: unknown[];
  failoverOffered?: boolean;
  finalize?: (rendered: RenderedHostCard) => { card: AdaptiveCard; afterSend(activityId: string | null): Promise<void> };
}

/** "Worth considering" and a place to post it: propose a failover request and put its section on the card. */
async function proposalFor(advice: FailoverAdvice, part: HubCardPart, locale: Locale, deps: ReplyDeps, context: ProposalContext | undefined): Promise<ProposalOutcome> {
  if (advice.kind !== 'worth-considering' || !deps.failover || !context || part.kind !== 'health' || !part.result.ok) return { advice };
  const prepared = await deps.failover.prepare({ hub: part.result.hub, health: part.result, locale, context });
  switch (prepared.kind) {
    case 'offered':
      return { advice, failover: prepared.elements, finalize: prepared.finalize };
    case 'unavailable':
      return { advice, failover: prepared.elements, failoverOffered: false };
    case 'ineligible':
      return { advice: { kind: 'worth-considering-but-impossible', trigger: advice.trigger, reasons: prepared.reasons } };
  }
}

function finished(rendered: RenderedHostCard, proposal: ProposalOutcome): Pick<Reply, 'card' | 'afterSend'> {
  const finalized = proposal.finalize?.(rendered);
  return finalized ? { card: finalized.card, afterSend: finalized.afterSend } : { card: rendered.card };
}

/** Everything about a paste, as a card. */
export async function replyToPaste(paste: string, locale: Locale, deps: ReplyDeps, context?: ProposalContext): Promise<Reply> {
  const outcome = await deps.diagnoser(paste);
  if (outcome.kind === 'diagnosed') return replyToDiagnosis(outcome.diagnosed, locale, deps, context);
  return { card: unreadPasteCard(outcome, locale, deps.demo), log: markPasteNotRead(outcome, paste) };
}

/** A paste that was not read: too long to read, or the bot too busy (what to paste instead), or a failure. */
export function unreadPasteCard(notRead: NotRead, locale: Locale, demo: boolean): AdaptiveCard {
  if (notRead.reason === 'failed') return renderErrorCard(locale);
  return renderPasteTooLongCard({ locale, demo, reason: notRead.reason, budgetMs: notRead.budgetMs });
}

/** Marks the turn as a paste not read (its outcome in the metrics) and gives the log fields that say why. */
export function markPasteNotRead(notRead: NotRead, paste: string): ReplyLogFields {
  markTurnOutcome('paste-not-read');
  return { notRead: notRead.reason, budgetMs: notRead.budgetMs, inputChars: paste.length, card: notRead.reason === 'failed' ? 'error' : 'paste-too-long' };
}

/**
 * The card for a diagnosed paste: hub and health within the budget, failover advice (and request, given a
 * context). When the lookup has not answered at once, the card goes out now with "checking the hub's
 * health…" and `complete` gives the full card.
 */
export async function replyToDiagnosis(diagnosed: PasteDiagnosis, locale: Locale, deps: ReplyDeps, context?: ProposalContext): Promise<Reply> {
  const { diagnosis, log } = diagnosed;
  deps.diagnosisObserver?.diagnosed(diagnosis);
  if (diagnosis.findings.length === 0 && diagnosis.secrets.count === 0) {
    return { card: renderNothingRecognisedCard(locale, deps.demo, diagnosis.inputChars), log: { ...log, card: 'nothing-recognised' } };
  }
  if (diagnosis.findings.length === 0) {
    // Nothing to diagnose, but a key was pasted: the diagnosis card carries the warning.
    return { card: renderDiagnosisCard({ diagnosis, locale, demo: deps.demo, hub: { kind: 'none' }, advice: null }), log: { ...log, card: 'diagnosis' } };
  }

  const lookupStarted = performance.now();
  const lookup = lookupHubForPaste(diagnosis.context, deps.hubs, {
    budgetMs: deps.healthBudgetMs,
    offerChoiceWhenUnnamed: diagnosis.verdict.kind === 'transient-service',
  });
  const complete = async (outcome: HubLookupOutcome): Promise<CompleteReply> => {
    const proposal = await proposalFor(await adviceFor(diagnosis.verdict.kind, outcome.part, deps.eligibility), outcome.part, locale, deps, context);
    const advice = proposal.advice;
    const rendered = diagnosisCard({ diagnosis, locale, demo: deps.demo, hub: outcome.part, advice, failover: proposal.failover, failoverOffered: proposal.failoverOffered });
    return {
      ...finished(rendered, proposal),
      log: { ...log, ...hubLogFields(outcome), advice: advice.kind, failoverProposed: proposal.finalize !== undefined, healthMs: elapsed(lookupStarted), card: 'diagnosis' },
    };
  };
  const known = await answeredAtOnce(lookup);
  if (known !== null) return complete(known.outcome);
  const checking = diagnosisCard({ diagnosis, locale, demo: deps.demo, hub: { kind: 'checking' }, advice: null });
  return { card: checking.card, log: { ...log, hubPart: 'checking', card: 'diagnosis' }, complete: async () => complete(await lookup) };
}

const HEALTH_CARD_ADVICE: ReadonlySet<FailoverAdvice['kind']> = new Set(['worth-considering', 'worth-considering-but-impossible', 'health-unknown']);

/** `health <hub>`: the hub's health card; `health` alone: the only hub's health, or a choice of hubs. */
export async function replyToHealth(query: HubQuery | null, locale: Locale, deps: ReplyDeps, context?: ProposalContext): Promise<Reply> {
  const started = performance.now();
  const lookup = query ? lookupNamedHub(query, deps.hubs, deps.healthBudgetMs) : lookupUnnamedHub(deps.hubs, deps.healthBudgetMs);
  const complete = (outcome: HubLookupOutcome): Promise<CompleteReply> => healthReply(outcome, { query, locale, deps, context, started });
  const known = await answeredAtOnce(lookup);
  if (known !== null) return complete(known.outcome);
  const checking = healthCard({ locale, demo: deps.demo, hub: { kind: 'checking' }, advice: null });
  return { card: checking.card, log: { query: query?.kind ?? null, hubPart: 'checking', card: 'health' }, complete: async () => complete(await lookup) };
}

/** The health card (or the choice of hubs) once the lookup has answered. */
async function healthReply(
  outcome: HubLookupOutcome,
  input: { query: HubQuery | null; locale: Locale; deps: ReplyDeps; context: ProposalContext | undefined; started: number },
): Promise<CompleteReply> {
  const { query, locale, deps, context } = input;
  const log: ReplyLogFields = { ...hubLogFields(outcome), query: query?.kind ?? null, healthMs: elapsed(input.started) };
  if (outcome.part.kind === 'ambiguous') return { card: renderHubChoiceCard(outcome.part.candidates, locale, deps.demo), log: { ...log, card: 'hub-choice' } };
  if (outcome.part.kind === 'none') return { card: renderHubChoiceCard([], locale, deps.demo), log: { ...log, card: 'hub-choice' } };
  // Without a paste there is no error to explain: the card only speaks up when the hub's health itself calls
  // for a failover decision (judged as for a service-side error on this hub).
  const candidate = outcome.hub ? await adviceFor('transient-service', outcome.part, deps.eligibility) : null;
  const proposal = candidate && HEALTH_CARD_ADVICE.has(candidate.kind) ? await proposalFor(candidate, outcome.part, locale, deps, context) : null;
  const advice = proposal?.advice ?? null;
  const rendered = healthCard({ locale, demo: deps.demo, hub: outcome.part, advice, failover: proposal?.failover, failoverOffered: proposal?.failoverOffered });
  return {
    ...(proposal ? finished(rendered, proposal) : { card: rendered.card }),
    log: { ...log, advice: advice?.kind ?? null, failoverProposed: proposal?.finalize !== undefined, card: 'health' },
  };
}
