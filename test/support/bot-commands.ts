// The bot's message commands as main.ts wires them (src/teams/failover), for tests of the bot that do not
// look at failovers: a memory store, an executor that refuses to run, no proactive channel.
import { systemClock } from '#src/core/clock.ts';
import type { FailoverExecutor } from '#src/failover/index.ts';
import { silentLogger } from '#src/log.ts';
import { createAuditLog } from '#src/state/audit.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { createFailoverTeams } from '#src/teams/failover/index.ts';
import type { ScopeHandlers } from '#src/teams/messages/message-handler.ts';
import type { ReplyDeps } from '#src/teams/messages/replies.ts';
import { unitAlertCommands } from './alert-commands.ts';

const noExecutor: FailoverExecutor = {
  start: () => Promise.reject(new Error('no failover runs in this test')),
  poll: () => Promise.reject(new Error('no failover runs in this test')),
};

export function wiredCommands(replies: ReplyDeps): ScopeHandlers {
  const store = createMemoryStore();
  const failover = createFailoverTeams({
    store,
    audit: createAuditLog(store),
    executor: noExecutor,
    directory: replies.hubs.directory,
    health: replies.hubs.health,
    clock: systemClock,
    config: { approvers: [], approvalTtlMinutes: 30, pollSeconds: 15 },
    demo: replies.demo,
    logger: silentLogger(),
    proactive: { channel: { update: async () => undefined, post: async () => undefined } },
  });
  return { ...failover.commands(replies), ...unitAlertCommands(replies.hubs.directory, replies.demo) };
}
