// `subscribe [hub]`, `unsubscribe [hub]`, `subscriptions` (abonner, désabonner, abonnements) and, in demo
// mode, `demo alert [hub]`: which conversations receive the alert cards.
import type { DemoAlertFirer } from '../../alerts/ports.ts';
import type { SubscriptionBook } from '../../alerts/subscription-book.ts';
import { coversHub } from '../../alerts/subscriptions.ts';
import type { SubscribedHub, Subscription } from '../../alerts/subscriptions.ts';
import { beforeDeadline } from '../../core/abort.ts';
import type { Clock } from '../../core/clock.ts';
import type { HubDirectory, HubQuery } from '../../diagnosis/hub.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import type { Locale } from '../../core/locale.ts';
import { errorFields } from '../../log.ts';
import { echo } from '../cards/escape.ts';
import { echoList } from '../cards/lists.ts';
import type { AlertCommandKind } from '../messages/commands.ts';
import { sendCard } from '../messages/message-handler.ts';
import type { ScopeHandlers, TurnScope } from '../messages/message-handler.ts';
import { subscriptionDraft, subscriptionKeyOf } from './conversation.ts';
import { renderAlertNotice } from './notice.ts';
import type { NoticeLine } from './notice.ts';

export interface AlertCommandsDeps {
  subscriptions: SubscriptionBook;
  directory: HubDirectory;
  clock: Clock;
  /** How long a hub lookup may hold the answer. */
  budgetMs: number;
  demo: boolean;
  /** An action group can reach the bot (ALERTS_WEBHOOK_TOKEN or the secure webhook is configured). */
  webhookConfigured: boolean;
  /** Demo mode only. */
  demoAlerts: DemoAlertFirer | null;
}

export type AlertCommandHandlers = Pick<ScopeHandlers, AlertCommandKind>;

type HubLookup = { kind: 'found'; hub: SubscribedHub } | { kind: 'refused'; line: NoticeLine };

function matchesQuery(hub: SubscribedHub, query: HubQuery): boolean {
  const value = query.value.toLowerCase();
  if (query.kind === 'resourceId') return hub.id === value;
  if (query.kind === 'hostName') return hub.name.toLowerCase() === (value.split('.')[0] ?? '');
  return hub.name.toLowerCase() === value;
}

/** How it works, and what the operator or the demo must do for alerts to arrive. */
export function subscriptionNotes(locale: Locale, options: { demo: boolean; demoFirer: boolean; webhookConfigured: boolean; hubName: string | null }): string[] {
  const t = uiStrings(locale).alerts.subscriptions;
  const found = [t.how];
  if (options.demoFirer) found.push(fill(t.demoHint, { hub: echo(options.hubName ?? 'contoso-prod-weu', 60) }));
  else if (!options.webhookConfigured) found.push(options.demo ? t.webhookOffDemo : t.webhookOff);
  return found;
}

export function alertCommands(deps: AlertCommandsDeps): AlertCommandHandlers {
  const reply = async (scope: TurnScope, lines: readonly NoticeLine[], notes: readonly string[] = []): Promise<void> => {
    await sendCard(scope.turn, renderAlertNotice({ locale: scope.locale, demo: deps.demo, lines, notes }));
  };

  const lookup = async (scope: TurnScope, query: HubQuery): Promise<HubLookup> => {
    const t = uiStrings(scope.locale).alerts.subscriptions;
    const shownQuery = `"${echo(query.value, 120)}"`;
    try {
      const signal = AbortSignal.timeout(deps.budgetMs);
      const resolution = await beforeDeadline(deps.directory.resolve(query, signal), signal);
      switch (resolution.kind) {
        case 'found':
          return { kind: 'found', hub: { id: resolution.hub.id.toLowerCase(), name: resolution.hub.name } };
        case 'unknown':
          return { kind: 'refused', line: { text: fill(t.unknownHub, { query: shownQuery }), color: 'warning' } };
        case 'ambiguous':
          return { kind: 'refused', line: { text: fill(t.ambiguous, { query: shownQuery }), color: 'warning' } };
        case 'failed':
          return { kind: 'refused', line: { text: t.lookupFailed, color: 'warning' } };
      }
    } catch {
      return { kind: 'refused', line: { text: t.lookupFailed, color: 'warning' } };
    }
  };

  const describe = (subscription: Subscription | null, scope: TurnScope): NoticeLine => {
    const t = uiStrings(scope.locale).alerts.subscriptions;
    if (subscription === null) return { text: t.none };
    if (subscription.hubs === 'all') return { text: t.all };
    const names = subscription.hubs.map((hub) => hub.name);
    return { text: fill(plural(scope.locale, names.length, t.hubs), { hubs: echoList(scope.locale, names, 10, 60) }) };
  };

  const notes = (scope: TurnScope, hubName: string | null): string[] =>
    subscriptionNotes(scope.locale, { demo: deps.demo, demoFirer: deps.demoAlerts !== null, webhookConfigured: deps.webhookConfigured, hubName });

  const storeFailed = async (scope: TurnScope, error: unknown): Promise<void> => {
    scope.log.error({ ...errorFields(error) }, 'alert subscriptions: the store failed');
    await reply(scope, [{ text: uiStrings(scope.locale).alerts.subscriptions.storeUnavailable, color: 'warning' }]);
  };

  return {
    subscribe: async (scope, command) => {
      const t = uiStrings(scope.locale).alerts.subscriptions;
      scope.summary.card = 'alert-subscription';
      let hub: SubscribedHub | null = null;
      if (command.hub !== null) {
        const found = await lookup(scope, command.hub);
        if (found.kind === 'refused') return reply(scope, [found.line]);
        hub = found.hub;
      }
      try {
        const outcome = await deps.subscriptions.subscribe(subscriptionDraft(scope.turn.activity, scope.locale, deps.clock.now()), hub);
        scope.summary.subscription = outcome.kind;
        if (outcome.kind === 'too-many') return reply(scope, [{ text: fill(t.tooMany, { limit: outcome.limit }), color: 'warning' }]);
        const first: NoticeLine =
          outcome.kind === 'already' ? { text: t.already } : { text: hub === null ? t.subscribedAll : fill(t.subscribedHub, { hub: `**${echo(hub.name, 60)}**` }), color: 'good' };
        // "Subscribed to every hub" says it all; a list of hubs is worth repeating whole.
        const lines = outcome.kind === 'subscribed' && outcome.subscription.hubs === 'all' ? [first] : [first, describe(outcome.subscription, scope)];
        await reply(scope, lines, notes(scope, hub?.name ?? null));
      } catch (error) {
        await storeFailed(scope, error);
      }
    },

    unsubscribe: async (scope, command) => {
      const t = uiStrings(scope.locale).alerts.subscriptions;
      scope.summary.card = 'alert-subscription';
      const key = subscriptionKeyOf(scope.turn.activity);
      try {
        let hubId: string | null = null;
        let hubName = '';
        const query = command.hub;
        if (query !== null) {
          // The hub as this conversation subscribed to it (it may be gone from Azure since), else as Azure knows it.
          const current = await deps.subscriptions.get(key);
          const known = current !== null && current.hubs !== 'all' ? current.hubs.find((hub) => matchesQuery(hub, query)) : undefined;
          if (known) ({ id: hubId, name: hubName } = known);
          else {
            const found = await lookup(scope, query);
            if (found.kind === 'refused') return reply(scope, [found.line]);
            ({ id: hubId, name: hubName } = found.hub);
          }
        }
        const outcome = await deps.subscriptions.unsubscribe(key, hubId);
        scope.summary.subscription = outcome.kind;
        if (outcome.kind === 'not-subscribed') return reply(scope, [{ text: t.notSubscribed }, describe(await deps.subscriptions.get(key), scope)]);
        if (outcome.kind === 'subscribed-to-all') return reply(scope, [{ text: t.subscribedToAll, color: 'warning' }]);
        const done = hubId === null ? t.unsubscribedAll : fill(t.unsubscribedHub, { hub: `**${echo(hubName, 60)}**` });
        await reply(scope, hubId === null ? [{ text: done, color: 'good' }] : [{ text: done, color: 'good' }, describe(outcome.subscription, scope)]);
      } catch (error) {
        await storeFailed(scope, error);
      }
    },

    subscriptions: async (scope) => {
      scope.summary.card = 'alert-subscription';
      try {
        const current = await deps.subscriptions.get(subscriptionKeyOf(scope.turn.activity));
        await reply(scope, [describe(current, scope)], current === null ? [] : notes(scope, null));
      } catch (error) {
        await storeFailed(scope, error);
      }
    },

    'demo-alert': async (scope, command) => {
      const t = uiStrings(scope.locale).alerts;
      scope.summary.card = 'alert-demo';
      if (deps.demoAlerts === null) return reply(scope, [{ text: t.demo.notDemo, color: 'warning' }]);
      const name = command.hub === null ? null : command.hub.kind === 'hostName' ? (command.hub.value.split('.')[0] ?? null) : command.hub.kind === 'name' ? command.hub.value : (command.hub.value.split('/').pop() ?? null);
      const fired = await deps.demoAlerts.fire(name);
      if (fired.kind === 'unknown-hub') return reply(scope, [{ text: fill(t.subscriptions.unknownHub, { query: `"${echo(name ?? '', 60)}"` }), color: 'warning' }]);
      scope.summary.demoAlert = fired.hubName;
      const hub = `**${echo(fired.hubName, 60)}**`;
      const listeners = (await deps.subscriptions.list()).filter((subscription) => coversHub(subscription, fired.hubId));
      const lines: NoticeLine[] = [{ text: fill(t.demo.fired, { hub, state: echo(fired.state, 30) }) }];
      if (listeners.length === 0) lines.push({ text: fill(t.demo.nobodyListens, { hub }), color: 'warning' });
      await reply(scope, lines);
    },
  };
}
