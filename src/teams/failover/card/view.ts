// A failover request → the view model of its card section, for one viewer. Pure: the record, the time and
// who is looking in; strings ready to show out. Everything echoed from a record (names, justification,
// reasons, Azure messages) is cleaned, cut and escaped here.
import type { Locale } from '../../../core/locale.ts';
import { proposalFacts, sameActor } from '../../../failover/index.ts';
import type { Actor, FailbackOffer, FailoverRequest, FailureCause, PreflightFailure } from '../../../failover/index.ts';
import { fill, formatCount, plural, uiStrings } from '../../../i18n/index.ts';
import type { FailoverStrings } from '../../../i18n/ui/failover-en.ts';
import { echo } from '../../cards/escape.ts';
import { formatTime } from '../../cards/time.ts';
import type { ContainerStyle, FactView, LineView, TextColor } from '../../cards/view-types.ts';

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

export interface FailoverSectionView {
  style: ContainerStyle;
  heading: string;
  stateLine: string;
  stateColor: TextColor;
  notice: { show: boolean; style: ContainerStyle; text: string };
  facts: FactView[];
  lines: LineView[];
  groups: { heading: string; lines: LineView[] }[];
  hints: LineView[];
  input: { show: boolean; id: string; label: string; placeholder: string; error: string };
  actionRows: { actions: CardActionJson[] }[];
  /** Demo mode: who approves in the demo, and what happens in production instead (proposed, requested, and once they approved). */
  demoApproval: { show: boolean; text: string };
}

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

function durationText(record: FailoverRequest, locale: Locale): string {
  const t = strings(locale);
  const facts = proposalFacts(record.hubSnapshot, record.kind);
  const { estimateMinutes, deviceCount } = facts.duration;
  if (estimateMinutes === null || deviceCount === null) return t.durationRange;
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

function emptySection(): FailoverSectionView {
  return {
    style: 'default',
    heading: '',
    stateLine: '',
    stateColor: 'default',
    notice: { show: false, style: 'default', text: '' },
    facts: [],
    lines: [],
    groups: [],
    hints: [],
    input: { show: false, id: JUSTIFICATION_INPUT, label: '', placeholder: '', error: '' },
    actionRows: [],
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
  const view = emptySection();
  view.style = STYLES[record.state];
  // The container's style carries the state: text in the same hue on it was unreadable (yellow on beige).
  view.stateColor = 'default';
  view.heading = fill(t.headings[record.state][record.kind], n);
  if (ctx.notice) view.notice = { show: true, style: NOTICE_STYLES[ctx.notice.tone], text: ctx.notice.text };
  const fact = (title: string, value: string): void => {
    view.facts.push({ title, value });
  };
  const actions: CardActionJson[] = [];
  const requester = displayName(record.requester, locale);
  const approver = displayName(record.approver, locale);
  const refresh = (): CardActionJson => executeAction('card.refresh', t.buttons.refresh, record.id);

  switch (record.state) {
    case 'proposed': {
      view.stateLine = t.stateLines.proposed;
      fact(t.facts.from, n.source);
      fact(t.facts.to, n.target);
      fact(t.facts.expectedDuration, durationText(record, locale));
      fact(t.facts.proposalExpires, time(locale, record.expiresAt));
      view.groups.push(lostGroup(locale), afterGroup(record, locale));
      view.hints.push({ text: t.limits });
      view.input = { show: true, id: JUSTIFICATION_INPUT, label: t.justification.label, placeholder: t.justification.placeholder, error: t.justification.error };
      actions.push(executeAction('failover.request', t.buttons.request[record.kind], record.id, { style: 'positive', withInputs: true }));
      break;
    }
    case 'requested': {
      view.stateLine = fill(t.stateLines.requested, { requester, expiresAt: time(locale, record.expiresAt) });
      fact(t.facts.requestedBy, requester);
      fact(t.facts.justification, echo(record.justification ?? '', 600));
      fact(t.facts.requestedAt, time(locale, record.requestedAt));
      fact(t.facts.expiresAt, time(locale, record.expiresAt));
      fact(t.facts.from, n.source);
      fact(t.facts.to, n.target);
      fact(t.facts.expectedDuration, durationText(record, locale));
      view.lines = secretsRemovedLines(record, locale, ['justification']);
      view.groups.push(lostGroup(locale), afterGroup(record, locale));
      if (!ctx.approversConfigured) view.hints.push({ text: t.hints.noApprovers });
      if (ctx.role === 'approver') {
        view.hints.push({ text: t.hints.approver });
        view.input = { show: true, id: REASON_INPUT, label: t.rejectReason.label, placeholder: t.rejectReason.placeholder, error: t.rejectReason.error };
        actions.push(executeAction('failover.approve', t.buttons.approve[record.kind], record.id, { style: 'positive' }));
        actions.push(executeAction('failover.reject', t.buttons.reject, record.id, { style: 'destructive', withInputs: true }));
      } else if (ctx.role === 'requester' || ctx.role === 'requester-approver') {
        view.hints.push({ text: ctx.role === 'requester' ? t.hints.requesterOwn : t.hints.approverOwn });
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
      fact(t.facts.requestedBy, requester);
      fact(t.facts.justification, echo(record.justification ?? '', 600));
      fact(t.facts.approvedBy, approver);
      fact(t.facts.approvedAt, time(locale, record.decidedAt));
      if (record.startedAt !== null) {
        fact(t.facts.startedAt, time(locale, record.startedAt));
        fact(t.facts.elapsed, formatElapsed(locale, ctx.now - Date.parse(record.startedAt)));
      }
      const operation = record.operation;
      fact(t.facts.polls, String(operation?.polls ?? 0));
      fact(t.facts.lastUpdate, time(locale, operation?.lastPolledAt ?? null));
      fact(t.facts.operationId, operation?.operationId ? echo(shortOperationId(operation.operationId), 100) : t.notYet);
      if (operation?.armRequestId) fact(t.facts.armRequestId, echo(operation.armRequestId, 100));
      view.lines = secretsRemovedLines(record, locale, ['justification']);
      view.groups.push(afterGroup(record, locale));
      view.hints.push({ text: t.hints.running });
      actions.push(refresh());
      break;
    }
    case 'succeeded': {
      view.stateLine = fill(t.stateLines.succeeded, n);
      const duration = runDuration(record);
      if (duration !== null) fact(t.facts.duration, formatElapsed(locale, duration));
      fact(t.facts.newPrimary, n.target);
      fact(t.facts.requestedBy, requester);
      fact(t.facts.approvedBy, approver);
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      if (record.operation?.operationId) fact(t.facts.operationId, echo(shortOperationId(record.operation.operationId), 100));
      view.groups.push(afterGroup(record, locale));
      const offer = ctx.failback ?? null;
      if (record.kind === 'failover' && offer !== null) {
        if (offer.kind === 'proposed') {
          view.hints.push({ text: fill(t.hints.failbackOffered, n) });
        } else {
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
      fact(t.facts.rejectedBy, displayName(record.rejectedBy, locale));
      fact(t.facts.reason, echo(record.rejectReason ?? '', 600));
      fact(t.facts.requestedBy, requester);
      fact(t.facts.justification, echo(record.justification ?? '', 600));
      fact(t.facts.finishedAt, time(locale, record.finishedAt));
      view.lines = secretsRemovedLines(record, locale, ['reason', 'justification']);
      break;
    }
    case 'expired': {
      view.stateLine = t.stateLines.expired;
      view.lines = [{ text: fill(record.requester === null ? t.expiredLines.proposed : t.expiredLines.requested, { expiresAt: time(locale, record.expiresAt) }) }];
      if (record.requester !== null) {
        fact(t.facts.requestedBy, requester);
        fact(t.facts.justification, echo(record.justification ?? '', 600));
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
  if (actions.length > 0) view.actionRows = [{ actions }];
  view.demoApproval = demoApprovalLine(record, ctx);
  return view;
}
