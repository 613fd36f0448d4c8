// HubCardPart → the hub's state on the first screen of the diagnosis and health cards, its health in full behind
// a label, and the hub choice.
import { incidentsCoveringHub } from '../../diagnosis/advice.ts';
import type { AvailabilityState, Hub, HubHealthResult, ResourceHealth, ServiceEvent } from '../../diagnosis/hub.ts';
import type { Locale } from '../../core/locale.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import type { Budget } from './budget.ts';
import { echo, plainEcho } from './escape.ts';
import { echoList, moreText, rowsOf } from './lists.ts';
import { formatTime } from './time.ts';
import type { HubCardPart } from './types.ts';
import type { ContainerStyle, FactView, HealthSectionView, HubChoiceView, HubStatusView, LineView, TextColor } from './view-types.ts';

/** At most this many hub buttons on a card; the rest are counted. */
export const MAX_HUB_CHOICES = 10;

export const STATE_COLORS: Readonly<Record<AvailabilityState, TextColor>> = {
  Available: 'good',
  Degraded: 'warning',
  Unavailable: 'attention',
  Unknown: 'default',
};

/** Where the hub's health is shown: on the diagnosis card it says the diagnosis stands without it. */
export type HealthSectionPlace = 'diagnosis' | 'health';

/** The hub's health in full (behind its label), and the hub choice when several hubs could be the one. */
export function buildHealthSection(part: HubCardPart, locale: Locale, budget: Budget, place: HealthSectionPlace): HealthSectionView {
  const view = emptyHealthSection();
  switch (part.kind) {
    case 'ambiguous':
      view.choice = buildHubChoice(part.candidates, locale, uiStrings(locale).health.ambiguous);
      break;
    case 'health':
      view.show = true;
      if (part.result.ok) view.ok = okView(part.result, locale, budget);
      else view.unavailable = unavailableView(part.result, locale, budget, place);
      break;
    default:
      // No hub, a hub not found, or health still being checked: the first screen says it all (buildHubStatus).
      break;
  }
  return view;
}

export function emptyHealthSection(): HealthSectionView {
  return {
    show: false,
    ok: { show: false, hubLine: '', stateText: '', stateColor: 'default', facts: [], notes: [], eventsHeading: '', events: [], showMoreEvents: false, moreEvents: '' },
    unavailable: { show: false, showHubLine: false, hubLine: '', text: '', help: [], showDetail: false, detail: '' },
    choice: emptyHubChoice(),
  };
}

const HEADLINE_STYLES: Readonly<Record<AvailabilityState, ContainerStyle>> = {
  Available: 'good',
  Degraded: 'warning',
  Unavailable: 'attention',
  Unknown: 'emphasis',
};

/**
 * The hub's state for the first screen. When the hub is Unavailable or Degraded, or an active Azure incident
 * covers its region, the state is the card's headline; on the health card it always is.
 */
// A card is rendered once per size budget until one fits; which incidents cover the hub does not depend on the
// budget, and reading every event's regions again for each budget was most of a big card's rendering time.
type HealthRead = Extract<HubHealthResult, { ok: true }>;
const incidentsByHealth = new WeakMap<HealthRead, ServiceEvent[]>();

function incidentsCovering(result: HealthRead): ServiceEvent[] {
  let found = incidentsByHealth.get(result);
  if (found === undefined) {
    found = incidentsCoveringHub(result.hub, result.events);
    incidentsByHealth.set(result, found);
  }
  return found;
}

export function buildHubStatus(part: HubCardPart, locale: Locale, budget: Budget, place: HealthSectionPlace): HubStatusView {
  const t = uiStrings(locale).health;
  const status = emptyHubStatus();
  const line = (text: string, color: TextColor, subtle = false): void => {
    status.line = { show: true, text, color, subtle };
  };
  switch (part.kind) {
    case 'none':
      line(t.noHub, 'default', true);
      break;
    case 'checking':
      line(t.checking, 'default', true);
      break;
    case 'unknown':
      line(unknownHubText(locale, part.query.value, part.searchedSubscriptions, budget), 'warning');
      break;
    case 'ambiguous':
      // The hub choice says it, with its buttons (health.choice).
      break;
    case 'health': {
      const result = part.result;
      if (!result.ok) {
        line(fill(t.unavailable, { reason: t.unavailableReasons[result.reason] }), 'warning');
        if (place === 'health') status.help = failureHelp(result, locale);
        break;
      }
      const state = result.health.availabilityState;
      const values = { hub: echo(result.hub.name, Math.min(100, budget.valueChars)), state: t.states[state] };
      const incidents = incidentsCovering(result);
      const trouble = state === 'Unavailable' || state === 'Degraded' || incidents.length > 0;
      const first = incidents[0];
      status.headline = {
        show: trouble || place === 'health',
        style: incidents.length > 0 && state === 'Available' ? 'warning' : HEADLINE_STYLES[state],
        text: fill(t.statusHeadline, values),
        color: STATE_COLORS[state],
        showIncident: first !== undefined,
        incident:
          first === undefined
            ? ''
            : fill(plural(locale, incidents.length, t.incident), {
                region: echo(primaryLocation(result.hub), 60),
                title: echo(first.title, Math.min(120, budget.azureTextChars)),
                id: echo(first.trackingId, 40),
              }),
      };
      line(fill(t.statusLine, values), STATE_COLORS[state]);
      if (result.hub.drDisabled) status.notes = [{ text: t.drDisabled }];
      break;
    }
  }
  return status;
}

export function emptyHubStatus(): HubStatusView {
  return {
    headline: { show: false, style: 'default', text: '', color: 'default', showIncident: false, incident: '' },
    line: { show: false, text: '', color: 'default', subtle: false },
    notes: [],
    help: [],
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
  // On the health card the help is on the first screen (buildHubStatus); on the diagnosis card it is here.
  const help: LineView[] = place === 'health' ? [] : failureHelp(result, locale);
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

/** What to do about a health lookup that failed: when to try again, or which role the bot lacks. */
function failureHelp(result: Extract<HubHealthResult, { ok: false }>, locale: Locale): LineView[] {
  const t = uiStrings(locale).health;
  switch (result.reason) {
    case 'throttled':
      return [{ text: result.retryAfterSeconds !== null && result.retryAfterSeconds > 0 ? plural(locale, Math.ceil(result.retryAfterSeconds), t.retryAfter) : t.retryLater }];
    case 'forbidden':
      return [{ text: t.forbiddenHelp }];
    case 'not-found':
      return [];
    default:
      return [{ text: t.retryLater }];
  }
}

function unknownHubText(locale: Locale, query: string, subscriptions: readonly string[], budget: Budget): string {
  const t = uiStrings(locale).health;
  const shownQuery = `"${echo(query, Math.min(120, budget.valueChars))}"`;
  if (subscriptions.length === 0) return fill(t.unknownHubNoSubscriptions, { query: shownQuery });
  return fill(t.unknownHub, { query: shownQuery, subscriptions: echoList(locale, subscriptions, budget.subscriptions, 60) });
}
