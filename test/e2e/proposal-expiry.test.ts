// A proposal deleted from the store (what the sweeper does a day after it expired) through the running bot
// on SQLite: each proposal is two rows; once they are gone, a click on the old card gets a clear "no longer
// exists" card and Teams' automatic refresh leaves the card as posted — never an error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { uiStrings } from '#src/i18n/index.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { ALICE, BOB, FAILOVER_BOT_ENV, invokeCard, outageScenario, pasteForProposal } from '#test/support/failover-e2e.ts';

const en = uiStrings('en').failover;

describe('a click on a deleted proposal', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(['expiry-hub'])), sqliteState: true, botEnv: FAILOVER_BOT_ENV });

  const rows = (like: string): number => {
    const db = new DatabaseSync(stack.database);
    try {
      return Number(db.prepare('SELECT COUNT(*) AS n FROM kv WHERE key LIKE ?').get(like)?.['n']);
    } finally {
      db.close();
    }
  };

  it('is answered with "no longer exists", and the automatic refresh with a message, not a card', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'expiry-hub');
    assert.equal(rows(`failover/request/${proposal.requestId}`), 1);
    assert.equal(rows(`teams/failover-card/${proposal.requestId}`), 1);

    const db = new DatabaseSync(stack.database);
    db.prepare('DELETE FROM kv WHERE key IN (?, ?)').run(`failover/request/${proposal.requestId}`, `teams/failover-card/${proposal.requestId}`);
    db.close();

    const target = { serviceUrl: stack.connector.url, conversationId: proposal.conversationId, replyToId: proposal.cardActivityId, data: { requestId: proposal.requestId, justification: 'Still down' } };
    const click = await invokeCard(stack.bot.url, { ...target, from: ALICE, verb: 'failover.request' });
    assert.equal(click.status, 200);
    assert.ok(click.text.includes(en.refusals['not-found']), click.text);
    assert.match(click.text, /no longer exists/);

    const refresh = await invokeCard(stack.bot.url, { ...target, from: BOB, verb: 'card.refresh', trigger: 'automatic' });
    assert.equal(refresh.status, 200);
    assert.equal(refresh.body.type, 'application/vnd.microsoft.activity.message');
    assert.equal(refresh.card, null);
    assert.ok(!stack.bot.stdout().includes('"level":"error"'), 'no error logged');
  });
});
