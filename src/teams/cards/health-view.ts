// HubCardPart → the health section of the diagnosis and health cards, and the hub choice.
import type { AvailabilityState, Hub, HubHealthResult, ResourceHealth, ServiceEvent } from '../../diagnosis/hub.ts';
import type { Locale } from '../../core/locale.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import type { Budget } from './budget.ts';
import { echo, plainEcho } from './escape.ts';
import { echoList, moreText, rowsOf } from './lists.ts';
import { formatTime } from './time.ts';
import type { HubCardPart } from './types.ts';
import type { FactView, HealthSectionView, HubChoiceView, LineView, TextColor } from './view-types.ts';

/** At most this many hub buttons on a card; the rest are counted. */
export const MAX_HUB_CHOICES = 10;

export const STATE_COLORS: Readonly<Record<AvailabilityState, TextColor>> = {
  Available: 'good',
  Degraded: 'warning',
  Unavailable: 'attention',
  Unknown: 'default',
};

/** Where the section is shown: on the diagnosis card it says the diagnosis stands without health. */
export type HealthSectionPlace = 'diagnosis' | 'health';

export function buildHealthSection(part: HubCardPart, locale: Locale, budget: Budget, place: HealthSectionPlace): HealthSectionView {
  const t = uiStrings(locale).health;
  const view = emptyHealthSection(place === 'diagnosis' ? t.sectionHeading : '');
  view.show = true;
  switch (part.kind) {
    case 'none':
      view.noHub = { show: true, text: t.noHub };
      break;
    case 'checking':
      view.checking = { show: true, text: t.checking };
      break;
    case 'unknown':
      view.unknownHub = { show: true, text: unknownHubText(locale, part.query.value, part.searchedSubscriptions, budget) };
      break;
    case 'ambiguous':
      view.choice = buildHubChoice(part.candidates, locale, t.ambiguous);
      break;
    case 'health':
      if (part.result.ok) view.ok = okView(part.result, locale, budget);
      else view.unavailable = unavailableView(part.result, locale, budget, place);
      break;
  }
  return view;
}

export function emptyHealthSection(heading: string): HealthSectionView {
  return {
    show: false,
    heading,
    ok: { show: false, hubLine: '', stateText: '', stateColor: 'default', facts: [], notes: [], eventsHeading: '', events: [], showMoreEvents: false, moreEvents: '' },
    unavailable: { show: false, showHubLine: false, hubLine: '', text: '', help: [], showDetail: false, detail: '' },
    unknownHub: { show: false, text: '' },
    noHub: { show: false, text: '' },
    checking: { show: false, text: '' },
    choice: emptyHubChoice(),
  };
}

export function emptyHubChoice(): HubChoiceView {
  return { show: false, text: '', rows: [], showMore: false, more: '' };
}

/** One button per hub (at most MAX_HUB_CHOICES); each sends "health <hub>" back as the user. */
export function buildHubChoice(hubs: readonly Hub[], locale: Locale, text: string): HubChoiceView {
  const shown = hubs.slice(0, MAX_HUB_CHOICES);
  const remaining = hubs.length - shown.length;
  return {
    show: true,
    text: hubs.length === 0 ? uiStrings(locale).choice.none : text,
    rows: rowsOf(shown.map((hub) => ({ title: plainEcho(hub.name, 60), value: `health ${plainEcho(hub.name, 100)}` }))).map((choices) => ({ choices })),
    showMore: remaining > 0,
    more: remaining > 0 ? plural(locale, remaining, uiStrings(locale).health.moreHubs) : '',
  };
}

export function hubLine(hub: Hub, budget: Budget): string {
  return `**${echo(hub.name, Math.min(100, budget.valueChars))}** · ${echo(hub.hostName, Math.min(150, budget.valueChars))}`;
}

export function primaryLocation(hub: Hub): string {
  return hub.locations.find((l) => l.role === 'primary')?.location ?? hub.location;
}

export function secondaryLocation(hub: Hub): string | null {
  return hub.locations.find((l) => l.role === 'secondary')?.location ?? null;
}

function okView(result: Extract<HubHealthResult, { ok: true }>, locale: Locale, budget: Budget): HealthSectionView['ok'] {
  const t = uiStrings(locale).health;
  const { hub, health, events } = result;
  const region = echo(primaryLocation(hub), 60);
  const shownEvents = events.slice(0, budget.events);
  const remaining = events.length - shownEvents.length;
  return {
    show: true,
    hubLine: hubLine(hub, budget),
    stateText: fill(t.resourceHealth, { state: t.states[health.availabilityState] }),
    stateColor: STATE_COLORS[health.availabilityState],
    facts: healthFacts(result, locale, budget),
    notes: hub.drDisabled ? [{ text: t.drDisabled }] : [],
    eventsHeading: fill(events.length > 0 ? t.eventsHeading : t.noEvents, { region }),
    events: shownEvents.map((event) => eventView(event, locale, budget)),
    showMoreEvents: remaining > 0,
    moreEvents: remaining > 0 ? moreText(locale, remaining) : '',
  };
}

function healthFacts(result: Extract<HubHealthResult, { ok: true }>, locale: Locale, budget: Budget): FactView[] {
  const t = uiStrings(locale).health;
  const { hub, health } = result;
  const facts: FactView[] = [];
  const add = (title: string, value: string): void => {
    if (value !== '') facts.push({ title, value });
  };
  add(t.facts.summary, echo(health.summary, budget.azureTextChars));
  add(t.facts.since, health.since === null ? '' : formatTime(locale, health.since));
  add(t.facts.reason, echo(health.reasonType, 60));
  add(t.facts.recentlyResolved, recentlyResolved(health, locale, budget));
  add(t.facts.primary, echo(primaryLocation(hub), 60));
  const secondary = secondaryLocation(hub);
  add(t.facts.secondary, secondary === null ? t.noSecondary : echo(secondary, 60));
  add(t.facts.hubState, echo(hub.state, 40));
  add(t.facts.provisioning, echo(hub.provisioningState, 40));
  add(t.facts.checkedAt, formatTime(locale, result.checkedAt));
  return facts;
}

function recentlyResolved(health: ResourceHealth, locale: Locale, budget: Budget): string {
  const resolved = health.recentlyResolved;
  if (resolved === null) return '';
  return fill(uiStrings(locale).health.recentlyResolvedValue, {
    from: resolved.unavailableSince === null ? '?' : formatTime(locale, resolved.unavailableSince),
    to: resolved.resolvedAt === null ? '?' : formatTime(locale, resolved.resolvedAt),
    summary: echo(resolved.summary, budget.azureTextChars),
  });
}

function eventView(event: ServiceEvent, locale: Locale, budget: Budget): { title: string; detail: string } {
  return {
    title: echo(event.title, budget.azureTextChars),
    detail: fill(uiStrings(locale).health.eventDetail, {
      status: echo(event.status, 30),
      type: echo(event.eventType, 40),
      trackingId: echo(event.trackingId, 40),
      updated: event.lastUpdate === null ? '?' : formatTime(locale, event.lastUpdate),
    }),
  };
}

function unavailableView(
  result: Extract<HubHealthResult, { ok: false }>,
  locale: Locale,
  budget: Budget,
  place: HealthSectionPlace,
): HealthSectionView['unavailable'] {
  const t = uiStrings(locale).health;
  const help: LineView[] = [];
  switch (result.reason) {
    case 'throttled':
      help.push({ text: result.retryAfterSeconds !== null && result.retryAfterSeconds > 0 ? plural(locale, Math.ceil(result.retryAfterSeconds), t.retryAfter) : t.retryLater });
      break;
    case 'forbidden':
      help.push({ text: t.forbiddenHelp });
      break;
    case 'not-found':
      break;
    default:
      help.push({ text: t.retryLater });
  }
  if (place === 'diagnosis') help.push({ text: t.unavailableKeepsDiagnosis });
  const detail = echo(result.detail, budget.valueChars);
  return {
    show: true,
    showHubLine: result.hub !== null,
    hubLine: result.hub === null ? '' : hubLine(result.hub, budget),
    text: fill(t.unavailable, { reason: t.unavailableReasons[result.reason] }),
    help,
    showDetail: detail !== '',
    detail: detail === '' ? '' : fill(t.unavailableDetail, { detail }),
  };
}

function unknownHubText(locale: Locale, query: string, subscriptions: readonly string[], budget: Budget): string {
  const t = uiStrings(locale).health;
  const shownQuery = `"${echo(query, Math.min(120, budget.valueChars))}"`;
  if (subscriptions.length === 0) return fill(t.unknownHubNoSubscriptions, { query: shownQuery });
  return fill(t.unknownHub, { query: shownQuery, subscriptions: echoList(locale, subscriptions, budget.subscriptions, 60) });
}
