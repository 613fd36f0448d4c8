// The alert commands as main.ts wires them, over a memory store, for unit tests of the bot that build
// its command table themselves.
import { createSubscriptionBook } from '#src/alerts/subscription-book.ts';
import { systemClock } from '#src/core/clock.ts';
import type { HubDirectory } from '#src/diagnosis/hub.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { alertCommands } from '#src/teams/alerts/commands.ts';
import type { AlertCommandHandlers } from '#src/teams/alerts/commands.ts';

export function unitAlertCommands(directory: HubDirectory, demo = false): AlertCommandHandlers {
  return alertCommands({ subscriptions: createSubscriptionBook(createMemoryStore()), directory, clock: systemClock, budgetMs: 1000, demo, webhookConfigured: false, demoAlerts: null });
}
