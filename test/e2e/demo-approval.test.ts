// Who approves a failover. In demo mode (no AZURE_SUBSCRIPTION_IDS, no FAILOVER_APPROVERS) the demo world's
// second engineer approves a request by herself a few seconds after it is made, and the card says so; with
// Azure configured (here AZURE_SUBSCRIPTION_IDS and ARM_ENDPOINT pointing at the simulator) that path does not
// exist: a request waits, and only an approver's own click approves it; in demo mode with FAILOVER_APPROVERS
// set, neither. The bot as a process, the fake connector, the audit API.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_APPROVAL_DELAY_MS } from '#src/demo/index.ts';
import { DEMO_APPROVER } from '#src/demo/playground.ts';
import { fill, uiStrings } from '#src/i18n/index.ts';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { ALICE, AUDIT_TOKEN, BOB, CAROL, FAILOVER_BOT_ENV, MALLORY, actOnProposal, auditJson, outageScenario, pasteForProposal } from '#test/support/failover-e2e.ts';
import { startFakeConnector } from '#test/support/fake-connector.ts';
import type { FakeConnector } from '#test/support/fake-connector.ts';

const t = uiStrings('en').failover;
const announced = (template: string): string => fill(template, { approver: DEMO_APPROVER.name });

function approvals(records: Record<string, unknown>[]): unknown[] {
  return records.filter((record) => record['kind'] === 'approved').map((record) => record['actor']);
}

describe('demo mode without FAILOVER_APPROVERS: the demo approver approves, and the card says so', () => {
  let connector: FakeConnector;
  let bot: BotProcess;

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBotProcess({ DEMO_PLAYGROUND: '0', FAILOVER_POLL_SECONDS: '1', AUDIT_API_TOKEN: AUDIT_TOKEN });
  });

  after(async () => {
    await bot?.stop('SIGKILL');
    await connector?.close();
  });

  it('the proposal announces her, the request is approved by her through the workflow, and the failover runs', { timeout: 60_000 }, async () => {
    const proposal = await pasteForProposal(bot.url, connector, ALICE, 'contoso-prod-weu');
    assert.ok(cardText(proposal.card).includes(announced(t.demoApproval.proposed)), cardText(proposal.card));
    const requested = await actOnProposal(bot.url, connector.url, proposal, ALICE, 'failover.request', { justification: 'contoso-prod-weu is down' });
    assert.ok(requested.text.includes(announced(t.demoApproval.requested)), requested.text);
    const approvedCard = await connector.waitFor(
      (request) => request.route === 'updateActivity' && request.activityId === proposal.cardActivityId && cardText(cardsOf(request)[0] ?? {}).includes(announced(t.demoApproval.approved)),
      DEMO_APPROVAL_DELAY_MS * 4,
    );
    assert.match(cardText(cardsOf(approvedCard)[0] ?? {}), /approved, starting|running/);
    assert.deepEqual(approvals(await auditJson(bot.url)), [{ name: DEMO_APPROVER.name, aadObjectId: DEMO_APPROVER.aadObjectId }]);
  });
});

/**
 * No demo approver in this bot: the proposal does not announce her; Bob's request waits twice as long as she
 * would take and nobody approves it meanwhile; Bob (its requester) and Mallory (no approver) are refused;
 * Carol's own click approves it.
 */
async function onlyOwnClicksApprove(bot: BotProcess, connector: FakeConnector, hub: string): Promise<void> {
  const proposal = await pasteForProposal(bot.url, connector, BOB, hub);
  assert.ok(!cardText(proposal.card).includes(DEMO_APPROVER.name), 'no demo approver announced');
  const requested = await actOnProposal(bot.url, connector.url, proposal, BOB, 'failover.request', { justification: `${hub} is down` });
  assert.match(requested.text, /waiting for approval/);
  assert.ok(!requested.text.includes(DEMO_APPROVER.name), requested.text);

  await sleep(DEMO_APPROVAL_DELAY_MS * 2);
  assert.deepEqual(approvals(await auditJson(bot.url)), []);
  assert.ok(!bot.logLines().some((entry) => String(entry.msg).startsWith('failover.demo')), 'no demo approval in this bot');

  assert.ok((await actOnProposal(bot.url, connector.url, proposal, BOB, 'failover.approve')).text.includes(t.refusals['self-approval']));
  assert.ok((await actOnProposal(bot.url, connector.url, proposal, MALLORY, 'failover.approve')).text.includes(t.refusals['not-an-approver']));
  assert.deepEqual(approvals(await auditJson(bot.url)), []);

  const approved = await actOnProposal(bot.url, connector.url, proposal, CAROL, 'failover.approve');
  assert.ok(approved.text.includes(t.notices.approved), approved.text);
  assert.deepEqual(approvals(await auditJson(bot.url)), [{ name: CAROL.name, aadObjectId: CAROL.aadObjectId }]);
}

describe("Azure configured (AZURE_SUBSCRIPTION_IDS, ARM_ENDPOINT = the simulator): only an approver's own click approves", () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(['prod-hub'])), botEnv: { ...FAILOVER_BOT_ENV } });

  it('a request waits past the demo delay; its requester (an approver) and a non-approver are refused; another approver approves', { timeout: 60_000 }, async () => {
    await onlyOwnClicksApprove(stack.bot, stack.connector, 'prod-hub');
  });
});

describe("demo mode with FAILOVER_APPROVERS set: the approvers listed approve, the demo approver stays out", () => {
  let connector: FakeConnector;
  let bot: BotProcess;

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBotProcess({ DEMO_PLAYGROUND: '0', ...FAILOVER_BOT_ENV });
  });

  after(async () => {
    await bot?.stop('SIGKILL');
    await connector?.close();
  });

  it("a request waits past the demo delay; only another approver's own click approves it", { timeout: 60_000 }, async () => {
    await onlyOwnClicksApprove(bot, connector, 'contoso-prod-weu');
  });
});
