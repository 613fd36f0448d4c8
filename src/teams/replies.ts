// What the bot answers, as cards, independent of botbuilder: a paste → redact, diagnose, hub + health within
// the time budget, failover advice, diagnosis card; `health <hub>` → health card or a choice of hubs.
import { adviseFailover } from '../diagnosis/advice.ts';
import type { FailoverAdvice } from '../diagnosis/advice.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { mergeSecretReports, redactSecrets } from '../diagnosis/redact.ts';
import type { Diagnosis, Locale, VerdictKind } from '../diagnosis/types.ts';
import type { HubQuery } from '../diagnosis/hub.ts';
import { renderDiagnosisCard, renderHealthCard, renderHubChoiceCard, renderNothingRecognisedCard } from './cards/index.ts';
import type { AdaptiveCard, HubCardPart } from './cards/index.ts';
import type { EligibilityCheck } from './failover-eligibility.ts';
import { lookupHubForPaste, lookupNamedHub, lookupUnnamedHub } from './hub-lookup.ts';
import type { HubLookupDeps, HubLookupOutcome } from './hub-lookup.ts';

export interface ReplyDeps {
  hubs: HubLookupDeps;
  /** Azure is simulated: every card says so. */
  demo: boolean;
  healthBudgetMs: number;
  eligibility: EligibilityCheck;
}

/** Log fields describing a reply: ids, codes, verdicts, durations. Never text from the paste. */
export type ReplyLogFields = Record<string, string | number | boolean | null | (string | number)[]>;

export interface Reply {
  card: AdaptiveCard;
  log: ReplyLogFields;
}

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
export function adviceFor(verdict: VerdictKind, part: HubCardPart, eligibility: EligibilityCheck): FailoverAdvice {
  const health = part.kind === 'health' ? part.result : null;
  const hub = health?.hub ?? null;
  return adviseFailover({ verdict, health, eligibility: hub ? eligibility(hub) : null });
}

/** A paste, redacted then diagnosed (pure and fast), with the log fields that describe it. */
export interface PasteDiagnosis {
  diagnosis: Diagnosis;
  log: ReplyLogFields;
}

/** Redaction first, then the diagnosis: shared by pasted messages and the Diagnose message action. */
export function diagnosePaste(paste: string): PasteDiagnosis {
  const started = performance.now();
  const redaction = redactSecrets(paste);
  const found = diagnose(redaction.text);
  const diagnosis: Diagnosis = { ...found, secrets: mergeSecretReports(redaction.report, found.secrets) };
  const log: ReplyLogFields = {
    findings: diagnosis.findings.map((finding) => finding.code ?? finding.name ?? 'unnamed'),
    verdict: diagnosis.verdict.kind,
    secrets: diagnosis.secrets.count,
    inputChars: diagnosis.inputChars,
    diagnoseMs: elapsed(started),
  };
  return { diagnosis, log };
}

/** Everything about a paste, as a card. */
export async function replyToPaste(paste: string, locale: Locale, deps: ReplyDeps): Promise<Reply> {
  return replyToDiagnosis(diagnosePaste(paste), locale, deps);
}

/** The card for a diagnosed paste: hub and health within the budget, failover advice. */
export async function replyToDiagnosis(diagnosed: PasteDiagnosis, locale: Locale, deps: ReplyDeps): Promise<Reply> {
  const { diagnosis, log } = diagnosed;
  if (diagnosis.findings.length === 0 && diagnosis.secrets.count === 0) {
    return { card: renderNothingRecognisedCard(locale, deps.demo, diagnosis.inputChars), log: { ...log, card: 'nothing-recognised' } };
  }
  if (diagnosis.findings.length === 0) {
    // Nothing to diagnose, but a key was pasted: the diagnosis card carries the warning.
    return { card: renderDiagnosisCard({ diagnosis, locale, demo: deps.demo, hub: { kind: 'none' }, advice: null }), log: { ...log, card: 'diagnosis' } };
  }

  const lookupStarted = performance.now();
  const outcome = await lookupHubForPaste(diagnosis.context, deps.hubs, {
    budgetMs: deps.healthBudgetMs,
    offerChoiceWhenUnnamed: diagnosis.verdict.kind === 'transient-service',
  });
  const advice = adviceFor(diagnosis.verdict.kind, outcome.part, deps.eligibility);
  const card = renderDiagnosisCard({ diagnosis, locale, demo: deps.demo, hub: outcome.part, advice });
  return { card, log: { ...log, ...hubLogFields(outcome), advice: advice.kind, healthMs: elapsed(lookupStarted), card: 'diagnosis' } };
}

const HEALTH_CARD_ADVICE: ReadonlySet<FailoverAdvice['kind']> = new Set(['worth-considering', 'worth-considering-but-impossible', 'health-unknown']);

/** `health <hub>`: the hub's health card; `health` alone: the only hub's health, or a choice of hubs. */
export async function replyToHealth(query: HubQuery | null, locale: Locale, deps: ReplyDeps): Promise<Reply> {
  const started = performance.now();
  const outcome = query ? await lookupNamedHub(query, deps.hubs, deps.healthBudgetMs) : await lookupUnnamedHub(deps.hubs, deps.healthBudgetMs);
  const log: ReplyLogFields = { ...hubLogFields(outcome), query: query?.kind ?? null, healthMs: elapsed(started) };
  if (outcome.part.kind === 'ambiguous') return { card: renderHubChoiceCard(outcome.part.candidates, locale, deps.demo), log: { ...log, card: 'hub-choice' } };
  if (outcome.part.kind === 'none') return { card: renderHubChoiceCard([], locale, deps.demo), log: { ...log, card: 'hub-choice' } };
  // Without a paste there is no error to explain: the card only speaks up when the hub's health itself calls
  // for a failover decision (judged as for a service-side error on this hub).
  const candidate = outcome.hub ? adviceFor('transient-service', outcome.part, deps.eligibility) : null;
  const advice = candidate && HEALTH_CARD_ADVICE.has(candidate.kind) ? candidate : null;
  return { card: renderHealthCard({ locale, demo: deps.demo, hub: outcome.part, advice }), log: { ...log, advice: advice?.kind ?? null, card: 'health' } };
}
