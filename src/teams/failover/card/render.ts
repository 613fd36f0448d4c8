// Failover cards: the request section (alone, or in the slot of the diagnosis/health card it was proposed
// on, rendered again from that card's model), refusal notices, the `status` and `audit` cards, and the final thread message with its mentions.
import type { Locale } from '../../../core/locale.ts';
import type { FailoverRequest } from '../../../failover/index.ts';
import { fill, plural, uiStrings } from '../../../i18n/index.ts';
import { CARD_BYTE_LIMIT, byteSize } from '../../cards/budget.ts';
import { cleanText, echo } from '../../cards/escape.ts';
import { buildFailoverSection, displayName, failureText, formatElapsed } from './view.ts';
import type { FailoverViewContext, NoticeTone } from './view.ts';
import { outlineAudit, outlineRequest } from './visibility.ts';
import type { AuditEntry, AuditOutline, RequestOutline, StatusEntry } from './visibility.ts';
import { expandCard } from '../../cards/templates.ts';
import { formatTime } from '../../cards/time.ts';
import { isCurrentLayout, renderHostCard } from '../../cards/render.ts';
import type { HostCardModel } from '../../cards/render.ts';
import type { AdaptiveCard } from '../../cards/types.ts';
import type { ContainerStyle, FactView } from '../../cards/view-types.ts';

/** Teams refreshes a card for at most this many users (refresh.userIds). */
export const MAX_REFRESH_USERS = 60;

export interface FailoverCardOptions {
  demo: boolean;
  /** The model of the diagnosis or health card the proposal was posted on, or null. */
  host: HostCardModel | null;
  /**
   * refresh.userIds (MRIs): who gets a user-specific view. null = omit userIds (Teams then refreshes for
   * everyone in conversations of at most 60 members).
   */
  refreshUserIds: readonly string[] | null;
}

function hubLine(record: FailoverRequest): string {
  return `**${echo(record.hub.name, 80)}** · ${echo(record.hub.hostName, 150)}`;
}

function standalone(record: FailoverRequest, ctx: FailoverViewContext, demo: boolean): AdaptiveCard {
  return expandCard('failover', {
    t: uiStrings(ctx.locale),
    demo,
    fallbackText: uiStrings(ctx.locale).failover.fallbackText[record.kind],
    hubLine: hubLine(record),
    section: buildFailoverSection(record, ctx),
  });
}

/** The section of the request (and, after a succeeded failover, the failback proposal) as card elements. */
export function renderFailoverSection(record: FailoverRequest, ctx: FailoverViewContext, demo = false): unknown[] {
  const sectionOf = (card: AdaptiveCard): unknown => card.body[card.body.length - 1];
  const elements = [sectionOf(standalone(record, ctx, demo))];
  const offer = ctx.failback;
  if (offer?.kind === 'proposed' && record.kind === 'failover' && record.state === 'succeeded') {
    elements.push(sectionOf(standalone(offer.record, { ...ctx, notice: null, failback: null }, demo)));
  }
  return elements;
}

/** The card's refresh: Action.Execute card.refresh for the request, for the given users (null: omit userIds). */
export function failoverRefresh(requestId: string, locale: Locale, userIds: readonly string[] | null): Record<string, unknown> {
  return {
    action: { type: 'Action.Execute', verb: 'card.refresh', title: uiStrings(locale).failover.refreshTitle, data: { requestId } },
    ...(userIds === null ? {} : { userIds: [...new Set(userIds)].slice(0, MAX_REFRESH_USERS) }),
  };
}

/**
 * The card of a request as one viewer sees it: the diagnosis or health card it was proposed on, rendered
 * again from its model around the request's section, when that fits (and the model is of today's layout);
 * else the request on its own.
 */
export function renderFailoverCard(record: FailoverRequest, ctx: FailoverViewContext, options: FailoverCardOptions): AdaptiveCard {
  // The refresh is always the request that owns the message now (after a failback proposal, the failback).
  const owner = ctx.failback?.kind === 'proposed' && record.state === 'succeeded' ? ctx.failback.record : record;
  const refresh = failoverRefresh(owner.id, ctx.locale, options.refreshUserIds);
  if (options.host !== null && isCurrentLayout(options.host)) {
    // Once requested, the request leads the card: it is what happens next.
    const hosted = renderHostCard(options.host, { items: renderFailoverSection(record, ctx, options.demo), leads: record.state !== 'proposed' });
    const card: AdaptiveCard = { ...hosted, refresh };
    if (byteSize(card) < CARD_BYTE_LIMIT) return card;
  }
  const card = standalone(record, ctx, options.demo);
  const extra = renderFailoverSection(record, ctx, options.demo).slice(1);
  return { ...card, body: [...card.body, ...extra], refresh };
}

const TONE_STYLES: Record<NoticeTone, ContainerStyle> = { good: 'good', attention: 'attention', warning: 'warning' };

/** A notice that stands alone (no request to show: unknown card, store unavailable). */
export function renderFailoverNoticeCard(locale: Locale, text: string, tone: NoticeTone): AdaptiveCard {
  return expandCard('failover-notice', { t: uiStrings(locale), text, style: TONE_STYLES[tone] });
}

/** `status`: requests waiting for approval and failovers running, at most this many listed. */
export const MAX_STATUS_ITEMS = 15;

export function renderFailoverStatusCard(entries: readonly StatusEntry[], input: { locale: Locale; demo: boolean; now: number }): AdaptiveCard {
  const { locale, now } = input;
  const t = uiStrings(locale).failover;
  const shown = entries.slice(0, MAX_STATUS_ITEMS);
  // Each request answers on its line: its state, the deadline or how long it has run, where; the rest one click away.
  const item = (outline: RequestOutline, index: number, keyFacts: FactView[], details: FactView[]) => ({
    style: outline.state === 'requested' ? 'warning' : 'accent',
    heading: fill(t.status.item, {
      kind: t.status.kinds[outline.kind],
      hub: echo(outline.hubName, 60),
      target: echo(outline.failoverRegion, 60),
      state: t.status.states[outline.state],
    }),
    keyFacts,
    details: { toggle: { show: details.length > 0, id: `status-item-${index}`, label: t.toggles.details }, facts: details },
  });
  const items = shown.map((entry, index) => {
    const keyFacts: FactView[] = [];
    const details: FactView[] = [];
    const add = (facts: FactView[], title: string, value: string): void => {
      facts.push({ title, value });
    };
    if (!entry.here) {
      // Another conversation's request: its hub, state and times, nothing of who or why.
      const { outline } = entry;
      if (outline.expiresAt !== null) add(keyFacts, t.facts.expiresAt, formatTime(locale, outline.expiresAt));
      if (outline.startedAt !== null) add(keyFacts, t.facts.elapsed, formatElapsed(locale, now - Date.parse(outline.startedAt)));
      add(keyFacts, t.status.where, t.status.elsewhere);
      if (outline.requestedAt !== null) add(details, t.facts.requestedAt, formatTime(locale, outline.requestedAt));
      return item(outline, index, keyFacts, details);
    }
    const { record } = entry;
    if (record.state === 'requested') add(keyFacts, t.facts.expiresAt, formatTime(locale, record.expiresAt));
    if (record.startedAt !== null) add(keyFacts, t.facts.elapsed, formatElapsed(locale, now - Date.parse(record.startedAt)));
    add(keyFacts, t.status.where, t.status.here);
    add(details, t.facts.requestedBy, displayName(record.requester, locale));
    if (record.justification !== null) add(details, t.facts.justification, echo(record.justification, 200));
    if (record.approver !== null) add(details, t.facts.approvedBy, displayName(record.approver, locale));
    if (record.operation?.lastPolledAt) add(details, t.facts.lastUpdate, formatTime(locale, record.operation.lastPolledAt));
    return item(outlineRequest(record), index, keyFacts, details);
  });
  const remaining = entries.length - shown.length;
  return expandCard('failover-status', {
    t: uiStrings(locale),
    demo: input.demo,
    summary: entries.length === 0 ? t.status.none : plural(locale, entries.length, t.status.summary),
    items,
    showElsewhereNote: shown.some((entry) => !entry.here),
    showMore: remaining > 0,
    more: remaining > 0 ? plural(locale, remaining, t.status.more) : '',
  });
}

/** `audit [hub]`: at most this many records, newest first. */
export const MAX_AUDIT_ITEMS = 20;

export function renderFailoverAuditCard(entries: readonly AuditEntry[], input: { locale: Locale; demo: boolean; hub: string | null }): AdaptiveCard {
  const { locale } = input;
  const t = uiStrings(locale).failover.audit;
  const shown = entries.slice(0, MAX_AUDIT_ITEMS);
  const line = (outline: AuditOutline, actor: string | null): string => {
    const values = { at: formatTime(locale, outline.at), kind: t.kinds[outline.kind], hub: echo(outline.hubName, 60) };
    return actor === null ? fill(t.lineElsewhere, values) : fill(t.line, { ...values, actor });
  };
  const render = (detailChars: number): AdaptiveCard =>
    expandCard('failover-audit', {
      t: uiStrings(locale),
      demo: input.demo,
      scope: input.hub === null ? t.scopeAll : fill(t.scopeHub, { hub: echo(input.hub, 100) }),
      summary: shown.length === 0 ? t.none : plural(locale, shown.length, t.shown),
      showElsewhereNote: shown.some((entry) => !entry.here),
      records: shown.map((entry) => {
        // Another conversation's record: the hub, the decision and the time, nothing of who or why.
        if (!entry.here) return { line: line(entry.outline, null), details: [] };
        const { record } = entry;
        const details: { text: string }[] = [];
        if (record.justification) details.push({ text: fill(t.justification, { text: echo(record.justification, detailChars) }) });
        if (record.reason) details.push({ text: fill(t.reason, { text: echo(record.reason, detailChars) }) });
        if (record.operationId) details.push({ text: fill(t.operation, { id: echo(record.operationId, 100) }) });
        return { line: line(outlineAudit(record), record.actor === null ? t.bot : echo(record.actor.name, 60)), details };
      }),
    });
  const card = render(300);
  return byteSize(card) < CARD_BYTE_LIMIT ? card : render(60);
}

export interface Mention {
  /** Teams user id (29:…). */
  id: string;
  name: string;
  /** `<at>name</at>`, as it appears in the message text. */
  text: string;
}

export interface OutcomeMessage {
  text: string;
  mentions: Mention[];
}

function mentionOf(actor: { id: string; name: string } | null): Mention | null {
  if (actor === null || actor.id === '') return null;
  // The mention text must appear as is in the message: a name cleaned of anything that could close the tag.
  const name = cleanText(actor.name, 80).replace(/[<>]/g, '') || actor.id;
  return { id: actor.id, name, text: `<at>${name}</at>` };
}

/** The final thread message of a finished failover: mentions the requester and the approver. */
export function renderOutcomeMessage(record: FailoverRequest, locale: Locale): OutcomeMessage {
  const t = uiStrings(locale).failover;
  const requester = mentionOf(record.requester);
  const approver = mentionOf(record.approver);
  const mentions = [requester, approver].filter((mention): mention is Mention => mention !== null);
  const target = cleanText(record.failoverRegion, 60);
  const hub = cleanText(record.hub.name, 60);
  const body =
    record.state === 'succeeded'
      ? fill(t.outcome.succeeded[record.kind], { hub, target, duration: formatElapsed(locale, durationMs(record)) })
      : fill(t.outcome.failed[record.kind], { hub, target, reason: plainText(failureText(record.failure, record, locale)[0] ?? '') });
  const who = fill(t.outcome.requestedApproved, { requester: requester?.text ?? '?', approver: approver?.text ?? '?' });
  const prefix = mentions.map((mention) => mention.text).join(' ');
  return { text: `${prefix}${prefix === '' ? '' : ' '}${capitalise(body)} ${who}`.trim(), mentions };
}

function durationMs(record: FailoverRequest): number {
  const start = record.startedAt ?? record.decidedAt;
  if (start === null || record.finishedAt === null) return 0;
  return Date.parse(record.finishedAt) - Date.parse(start);
}

/** Card text (escaped markdown) as plain message text: escapes undone, markdown and tag characters dropped. */
function plainText(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/[`*_[\]<>|~{}#]/g, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
