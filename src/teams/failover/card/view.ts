// A failover request → the view model of its card section, for one viewer. Pure: the record, the time and
// who is looking in; strings ready to show out. Everything echoed from a record (names, justification,
// reasons, Azure messages) is cleaned, cut and escaped here.
import type { Locale } from '../../../core/locale.ts';
import { proposalFacts, sameActor } from '../../../failover/index.ts';
import type { Actor, FailbackOffer, FailoverRequest, FailureCause, PreflightFailure } from '../../../failover/index.ts';
import { fill, formatCount, plural, uiStrings } from '../../../i18n/index.ts';
import type { FailoverStrings } from '../../../i18n/ui/failover-en.ts';
import { echo } from '../../cards/escape.ts';
import { expandCard } from '../../cards/templates.ts';
import { formatTime } from '../../cards/time.ts';
import type { AdaptiveCard } from '../../cards/types.ts';
import type { ContainerStyle, FactView, LineView, TextColor, ToggleView } from '../../cards/view-types.ts';

/** Who looks at the card: the base card everyone sees is the 'everyone' view. */
export type ViewerRole = 'everyone' | 'approver' | 'requester' | 'requester-approver';

export type NoticeTone = 'good' | 'attention' | 'warning';

export interface Notice {
  /** Ready to show (our own localised text). */
  text: string;
  tone: NoticeTone;
}

export interface FailoverViewContext {
  locale: Locale;
  now: number;
  role: ViewerRole;
  /** FAILOVER_APPROVERS is not empty. */
  approversConfigured: boolean;
  notice?: Notice | null;
  failback?: FailbackOffer | null;
  /** Demo mode: the demo world's approver, who approves requests by itself (the card announces it); else absent. */
  demoApprover?: Actor | null;
}

/** A failover section as one viewer sees it: the decision on its first screen, the rest behind two labels. */
export interface FailoverSectionView {
  style: ContainerStyle;
  heading: string;
  stateLine: string;
  stateColor: TextColor;
  notice: { show: boolean; style: ContainerStyle; text: string };
  /** First screen: the facts the next decision rests on (the justification, how long, the reason). */
  keyFacts: FactView[];
  /** First screen: what happened (why it failed, keys removed from what was typed). */
  lines: LineView[];
  /** First screen: what this viewer can do. */
  hints: LineView[];
  /** First screen: the buttons; one that needs typed text opens it under itself (Action.ShowCard). */
  actionRows: { actions: SectionAction[] }[];
  /** Behind "Request details": every fact of the request. */
  details: { toggle: ToggleView; facts: FactView[] };
  /** Behind "What a failover does" (or "What to do now" once it succeeded): what is lost, what to do after. */
  effects: { toggle: ToggleView; groups: { heading: string; lines: LineView[] }[]; hints: LineView[] };
  /** Demo mode: who approves in the demo, and what happens in production instead (proposed, requested, and once they approved). */
  demoApproval: { show: boolean; text: string };
}

/** A button that opens a form under itself: the text to type and the button that sends it. */
export interface ShowCardActionJson {
  type: 'Action.ShowCard';
  title: string;
  style?: 'positive' | 'destructive';
  card: AdaptiveCard;
}

export type SectionAction = CardActionJson | ShowCardActionJson;

/** An Action.Execute as the card carries it: the data holds only the request id. */
export interface CardActionJson {
  type: 'Action.Execute';
  verb: string;
  title: string;
  data: { requestId: string };
  style?: 'positive' | 'destructive';
  associatedInputs?: 'none';
  fallback: { type: 'Action.Submit'; title: string; data: { verb: string; requestId: string }; associatedInputs?: 'none' };
}

export const JUSTIFICATION_INPUT = 'justification';
export const REASON_INPUT = 'reason';

const STYLES: Record<FailoverRequest['state'], ContainerStyle> = {
  proposed: 'emphasis',
  requested: 'warning',
  approved: 'accent',
  running: 'accent',
  succeeded: 'good',
  failed: 'attention',
  rejected: 'emphasis',
  expired: 'emphasis',
  cancelled: 'emphasis',
};

const NOTICE_STYLES: Record<NoticeTone, ContainerStyle> = { good: 'good', attention: 'attention', warning: 'warning' };

/**
 * ARM operation ids are ~56 characters without a break point: in a FactSet they widened the value column
 * past the card's edge and clipped every value. The card shows both ends; the audit trail keeps it whole.
 */
export function shortOperationId(id: string): string {
  return id.length <= 24 ? id : `${id.slice(0, 10)}…${id.slice(-10)}`;
}

function strings(locale: Locale): FailoverStrings {
  return uiStrings(locale).failover;
}

/**
 * An Action.Execute with an Action.Submit fallback for clients without Universal Actions (the bot handles
 * that submit as a message carrying the same verb and request id).
 */
export function executeAction(verb: string, title: string, requestId: string, options: { style?: 'positive' | 'destructive'; withInputs?: boolean } = {}): CardActionJson {
  const withInputs = options.withInputs ?? false;
  return {
    type: 'Action.Execute',
    verb,
    title,
    data: { requestId },
    ...(options.style ? { style: options.style } : {}),
    ...(withInputs ? {} : { associatedInputs: 'none' as const }),
    fallback: { type: 'Action.Submit', title, data: { verb, requestId }, ...(withInputs ? {} : { associatedInputs: 'none' as const }) },
  };
}

export function displayName(actor: { name: string } | null, locale: Locale): string {
  const name = actor?.name.trim() ?? '';
  return name === '' ? strings(locale).notYet : echo(name, 80);
}

function time(locale: Locale, iso: string | null): string {
  return iso === null ? strings(locale).notYet : formatTime(locale, iso);
}

/** "3 min 20 s" or "1 h 05 min". */
export function formatElapsed(locale: Locale, ms: number): string {
  const t = strings(locale);
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return fill(t.elapsedHours, { h: hours, m: String(minutes).padStart(2, '0') });
  return fill(t.elapsedMinutes, { m: minutes, s: seconds % 60 });
}

function region(value: string | null, locale: Locale): string {
  return value === null || value.trim() === '' ? strings(locale).notYet : echo(value, 60);
}

/** {hub}, {target}, {source} for the headings. */
function names(record: FailoverRequest, locale: Locale): { hub: string; target: string; source: string } {
  return { hub: echo(record.hub.name, 60), target: region(record.failoverRegion, locale), source: region(record.hub.primaryLocation, locale) };
}

/** The expected duration: in full (the estimate for the hub's devices, and the range), or short for the first screen. */
function durationText(record: FailoverRequest, locale: Locale, form: 'full' | 'short' = 'full'): string {
  const t = strings(locale);
  const facts = proposalFacts(record.hubSnapshot, record.kind);
  const { estimateMinutes, deviceCount } = facts.duration;
  if (estimateMinutes === null || deviceCount === null) return form === 'full' ? t.durationRange : t.durationRangeShort;
  if (form === 'short') return fill(t.durationShort, { estimate: estimateMinutes });
  return fill(t.durationEstimate, { estimate: estimateMinutes, devices: formatCount(locale, deviceCount) });
}

function lostGroup(locale: Locale): { heading: string; lines: LineView[] } {
  const t = strings(locale);
  return { heading: t.lost.heading, lines: t.lost.lines.map((text) => ({ text: `• ${text}` })) };
}

function afterGroup(record: FailoverRequest, locale: Locale): { heading: string; lines: LineView[] } {
  const t = strings(locale);
  const steps = proposalFacts(record.hubSnapshot, record.kind).afterSteps;
  return { heading: t.after.heading, lines: steps.map((step) => ({ text: `• ${t.after.steps[step]}` })) };
}

export function ineligibleReasonsText(reasons: readonly string[], locale: Locale): string {
  const t = strings(locale);
  const table: Readonly<Record<string, string | undefined>> = t.ineligibleReasons;
  const texts = reasons.map((reason) => table[reason]).filter((text): text is string => text !== undefined);
  return texts.length === 0 ? t.ineligibleUnknown : texts.join(uiStrings(locale).common.listSeparator);
}

function checkText(check: PreflightFailure, locale: Locale): string {
  const t = strings(locale).failures.checks;
  if (check.kind === 'ineligible') return fill(t.ineligible, { reasons: ineligibleReasonsText(check.reasons, locale) });
  return t[check.kind];
}

/** What happened to a failed request, in one or two sentences safe to show. */
export function failureText(cause: FailureCause | null, record: FailoverRequest, locale: Locale): string[] {
  const t = strings(locale).failures;
  const stays = fill(t.stays, { source: names(record, locale).source });
  if (cause === null) return [];
  switch (cause.kind) {
    case 'refused':
      return [t.refused, ...cause.checks.map((check) => `• ${checkText(check, locale)}`), stays];
    case 'arm-rejected':
      return [fill(t.arm, { message: echo(cause.message, 300) }), stays];
    case 'operation-failed':
      return [cause.message === null || cause.message.trim() === '' ? t.operationNoMessage : fill(t.operation, { message: echo(cause.message, 300) })];
    case 'outcome-unknown':
      return [cause.why === 'post-unanswered' ? t.unknownPost : cause.why === 'polling-gave-up' ? t.unknownPolling : t.unknownHub];
  }
}

function runDuration(record: FailoverRequest): number | null {
  const start = record.startedAt ?? record.decidedAt;
  if (start === null || record.finishedAt === null) return null;
  return Date.parse(record.finishedAt) - Date.parse(start);
}

/** What was typed and had secrets removed: the kinds were removed, and the keys must be rotated. Never the values. */
function secretsRemovedLines(record: FailoverRequest, locale: Locale, fields: readonly ('justification' | 'reason')[]): LineView[] {
  const t = strings(locale).secretsRemoved;
  const kindNames: Readonly<Record<string, string | undefined>> = uiStrings(locale).diagnosis.secretKinds;
  return fields.flatMap((field) => {
    const kinds = record.secretsRemoved?.[field] ?? [];
    if (kinds.length === 0) return [];
    const names = kinds.map((kind) => kindNames[kind] ?? kind).join(uiStrings(locale).common.listSeparator);
    return [{ text: fill(plural(locale, kinds.length, t[field]), { kinds: names }) }];
  });
}

/**
 * A button that opens, under itself, the text to type (required) and the button that sends it: the input costs
 * no height until someone means to act. The send button carries the verb and the request id as always.
 */
function formAction(title: string, intro: string, input: { id: string; label: string; placeholder: string; error: string }, send: CardActionJson): ShowCardActionJson {
  return { type: 'Action.ShowCard', title, ...(send.style ? { style: send.style } : {}), card: expandCard('failover-form', { intro, input, actions: [send] }) };
}

function emptySection(record: FailoverRequest): FailoverSectionView {
  // Ids of the hidden parts: unique in the card, which may hold a failover and its failback.
  const id = `failover-${record.id}`;
  const hidden = (part: string): ToggleView => ({ show: false, id: `${id}-${part}`, label: '' });
  return {
    style: 'default',
    heading: '',
    stateLine: '',
    stateColor: 'default',
    notice: { show: false, style: 'default', text: '' },
    keyFacts: [],
    lines: [],
    hints: [],
    actionRows: [],
    details: { toggle: hidden('details'), facts: [] },
    effects: { toggle: hidden('effects'), groups: [], hints: [] },
    demoApproval: { show: false, text: '' },
  };
}

/** The demo's announcement of who approves (and how it goes in production), for the states where it matters. */
function demoApprovalLine(record: FailoverRequest, ctx: FailoverViewContext): FailoverSectionView['demoApproval'] {
  const demo = ctx.demoApprover ?? null;
  const hidden = { show: false, text: '' };
  if (demo === null) return hidden;
  const t = strings(ctx.locale).demoApproval;
  const approver = displayName(demo, ctx.locale);
  switch (record.state) {
    case 'proposed':
      return { show: true, text: fill(t.proposed, { approver }) };
    case 'requested':
      return { show: true, text: fill(t.requested, { approver }) };
    case 'approved':
    case 'running':
    case 'succeeded':
    case 'failed':
      return sameActor(record.approver, demo) ? { show: true, text: fill(t.approved, { approver }) } : hidden;
    default:
      return hidden;
  }
}

export function buildFailoverSection(record: FailoverRequest, ctx: FailoverViewContext): FailoverSectionView {
  const { locale } = ctx;
  const t = strings(locale);
  const n = names(record, locale);
  const view = emptySection(record);
  view.style = STYLES[record.state];
  // The container's style carries the state: text in the same hue on it was unreadable (yellow on beige).
  view.stateColor = 'default';
  view.heading = fill(t.headings[record.state][record.kind], n);
  if (ctx.notice) view.notice = { show: true, style: NOTICE_STYLES[ctx.notice.tone], text: ctx.notice.text };
  const keyFact = (title: string, value: string): void => {
    view.keyFacts.push({ title, value });
  };
  const fact = (title: string, value: string): void => {
    view.details.facts.push({ title, value });
  };
  const effects = (label: string, groups: { heading: string; lines: LineView[] }[], hints: LineView[] = []): void => {
    view.effects = { toggle: { ...view.effects.toggle, label }, groups, hints };
  };
  const actions: SectionAction[] = [];
  const requester = displayName(record.requester, locale);
  const approver = displayName(record.approver, locale);
  const justification = echo(record.justification ?? '', 600);
  const refresh = (): CardActionJson => executeAction('card.refresh', t.buttons.refresh, record.id);

  switch (record.state) {
    case 'proposed': {
      keyFact(t.facts.expectedDuration, durationText(record, locale, 'short'));
      fact(t.facts.from, n.source);
      fact(t.facts.to, n.target);
      fact(t.facts.expectedDuration, durationText(record, locale));
      fact(t.facts.proposalExpires, time(locale, record.expiresAt));
      effects(t.toggles.effects[record.kind], [lostGroup(locale), afterGroup(record, locale)], [{ text: t.limits }]);
      // How a request goes (anyone asks, an approver approves) is said where it is made: above the justification.
      const send = executeAction('failover.request', t.buttons.send, record.id, { style: 'positive', withInputs: true });
      actions.push(formAction(t.buttons.request[record.kind], t.stateLines.proposed, { id: JUSTIFICATION_INPUT, ...t.justification }, send));
      break;
    }
    case 'requested': {
      view.stateLine = fill(t.stateLines.requested, { requester, expiresAt: time(locale, record.expiresAt) });
      keyFact(t.facts.justification, justification);
      fact(t.facts.requestedBy, requester);
      fact(t.facts.requestedAt, time(locale, record.requestedAt));
      fact(t.facts.expiresAt, time(locale, record.expiresAt));
      fact(t.facts.from, n.source);
      fact(t.facts.to, n.target);
      fact(t.facts.expectedDuration, durationText(record, locale));
      view.lines = secretsRemovedLines(record, locale, ['justification']);
      effects(t.toggles.effects[record.kind], [lostGroup(locale), afterGroup(record, locale)]);
      if (!ctx.approversConfigured) view.hints.push({ text: t.hints.noApprovers });
      if (ctx.role === 'approver') {
        view.hints.push({ text: t.hints.approver });
        actions.push(executeAction('failover.approve', t.buttons.approve[record.kind], record.id, { style: 'positive' }));
        const reject = executeAction('failover.reject', t.buttons.reject, record.id, { style: 'destructive', withInputs: true });
        actions.push(formAction(t.buttons.rejectOpen, '', { id: REASON_INPUT, ...t.rejectReason }, reject));
      } else if (ctx.role === 'requester' || ctx.role === 'requester-approver') {
        // Right after the click, the notice that answers it says so; every later view of the request has the hint.
        if (!ctx.notice) view.hints.push({ text: ctx.role === 'requester' ? t.hints.requesterOwn : t.hints.approverOwn });
        actions.push(executeAction('failover.cancel', t.buttons.cancel, record.id));
      } else {
        view.hints.push({ text: t.hints.everyoneRequested });
        actions.push(refresh());
      }
      break;
    }
    case 'approved':
    case 'running': {
      view.stateLine = fill(t.stateLines[record.state], { approver });
      const operation = record.operation;
      if (record.startedAt !== null) keyFact(t.facts.elapsed, formatElapsed(locale, ctx.now - Date.parse(record.startedAt)));
      keyFact(t.facts.lastUpdate, time(locale, operation?.lastPolledAt ?? null));
      fact(t.facts.requestedBy, requester);
      fact(t.facts.justification, justification);
      fact(t.facts.approvedBy, approver);
      fact(t.facts.approvedAt, time(locale, record.decidedAt));
      if (record.startedAt !== null) fact(t.facts.startedAt, time(locale, record.startedAt));
      fact(t.facts.polls, String(operation?.polls ?? 0));
      fact(t.facts.operationId, operation?.operationId ? echo(shortOperationId(operation.operationId), 100) : t.notYet);
      if (operation?.armRequestId) fact(t.facts.armRequestId, echo(operation.armRequestId, 100));
      view.lines = secretsRemovedLines(record, locale, ['justification']);
      effects(t.after.heading, [afterGroup(record, locale)]);
      view.hints.push({ text: t.hints.running });
      actions.push(refresh());
      break;
    }
    case 'succeeded': {
      view.stateLine = fill(t.stateLines.succeeded, n);
      const duration = runDuration(record);
      if (duration !== null) keyFact(t.facts.duration, formatElapsed(locale, duration));
      fact(t.facts.newPrimary, n.target);
      fact(t.facts.requestedBy, requester);
      fact(t.facts.approvedBy, approver);
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      if (record.operation?.operationId) fact(t.facts.operationId, echo(shortOperationId(record.operation.operationId), 100));
      effects(t.toggles.after, [afterGroup(record, locale)]);
      const offer = ctx.failback ?? null;
      if (record.kind === 'failover' && offer !== null) {
        // A failback proposed is the section right under this one: it says so itself.
        if (offer.kind === 'from') {
          view.hints.push({ text: fill(ctx.now >= Date.parse(offer.at) ? t.hints.failbackNow : t.hints.failbackAt, { source: n.source, at: time(locale, offer.at) }) });
          actions.push(executeAction('card.refresh', t.buttons.checkFailback, record.id));
        }
      }
      break;
    }
    case 'failed': {
      view.stateLine = t.stateLines.failed;
      view.lines = failureText(record.failure, record, locale).map((text) => ({ text }));
      fact(t.facts.requestedBy, requester);
      fact(t.facts.approvedBy, approver);
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      if (record.operation?.operationId) fact(t.facts.operationId, echo(shortOperationId(record.operation.operationId), 100));
      const armRequestId = record.failure?.kind === 'arm-rejected' ? record.failure.armRequestId : (record.operation?.armRequestId ?? null);
      if (armRequestId) fact(t.facts.armRequestId, echo(armRequestId, 100));
      break;
    }
    case 'rejected': {
      view.stateLine = fill(t.stateLines.rejected, { rejecter: displayName(record.rejectedBy, locale) });
      keyFact(t.facts.reason, echo(record.rejectReason ?? '', 600));
      fact(t.facts.rejectedBy, displayName(record.rejectedBy, locale));
      fact(t.facts.requestedBy, requester);
      fact(t.facts.justification, justification);
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      view.lines = secretsRemovedLines(record, locale, ['reason', 'justification']);
      break;
    }
    case 'expired': {
      view.stateLine = t.stateLines.expired;
      view.lines = [{ text: fill(record.requester === null ? t.expiredLines.proposed : t.expiredLines.requested, { expiresAt: time(locale, record.expiresAt) }) }];
      if (record.requester !== null) {
        fact(t.facts.requestedBy, requester);
        fact(t.facts.justification, justification);
        view.lines.push(...secretsRemovedLines(record, locale, ['justification']));
      }
      break;
    }
    case 'cancelled': {
      const canceller = displayName(record.cancelledBy, locale);
      view.stateLine = fill(t.stateLines.cancelled, { canceller });
      fact(t.facts.cancelledBy, canceller);
      if (record.requester !== null) fact(t.facts.requestedBy, requester);
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      break;
    }
  }
  view.details.toggle = { ...view.details.toggle, show: view.details.facts.length > 0, label: t.toggles.details };
  view.effects.toggle = { ...view.effects.toggle, show: view.effects.groups.length > 0 };
  if (actions.length > 0) view.actionRows = [{ actions }];
  view.demoApproval = demoApprovalLine(record, ctx);
  return view;
}
