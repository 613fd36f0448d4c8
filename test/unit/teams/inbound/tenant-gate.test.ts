// ALLOWED_TENANT_IDS in front of the turn logic (botbuilder's TestAdapter): other tenants' activities never
// reach the bot, and what they get back is one sentence at most.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { uiStrings } from '#src/i18n/index.ts';
import { capturingLogger } from '#test/support/capturing-logger.ts';
import { tenantGate, tenantsOf } from '#src/teams/inbound/tenant-gate.ts';
import type { AdaptiveCard } from '#src/teams/cards/index.ts';

const OURS = '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2';
const THEIRS = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function harness(allowed: readonly string[]) {
  const { logger, lines } = capturingLogger();
  let turns = 0;
  const logic = tenantGate(allowed, logger, async (turn) => {
    turns += 1;
    if (turn.activity.type === 'invoke') await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { ran: true } } });
    else await turn.sendActivity('diagnosis');
  });
  const adapter = new TestAdapter(logic, { channelId: 'msteams' });
  const send = async (activity: Partial<Activity>, tenant: string | null): Promise<Partial<Activity>[]> => {
    await adapter.processActivity({
      from: { id: '29:user', name: 'User' },
      recipient: { id: '28:bot', name: 'Bot' },
      locale: 'en-US',
      ...(tenant === null ? {} : { channelData: { tenant: { id: tenant } } }),
      conversation: { id: 'a:1chat', conversationType: 'personal', ...(tenant === null ? {} : { tenantId: tenant }) },
      ...activity,
    } as Partial<Activity>);
    return adapter.activeQueue.splice(0);
  };
  return { send, lines, turns: () => turns };
}

const refusal = uiStrings('en').tenantRefused;

/** What the card says: the texts of its body, nothing else. */
const said = (card: AdaptiveCard): unknown[] => (card.body as { text?: unknown }[]).map((element) => element.text);

describe('tenantGate', () => {
  it('an empty list lets every tenant through (today’s behaviour)', async () => {
    const h = harness([]);
    assert.equal((await h.send({ type: 'message', text: '500001' }, THEIRS))[0]?.text, 'diagnosis');
    assert.equal(h.turns(), 1);
  });

  it('an allowed tenant goes through, whatever the case of its id', async () => {
    const h = harness([OURS]);
    assert.equal((await h.send({ type: 'message', text: '500001' }, OURS.toUpperCase()))[0]?.text, 'diagnosis');
    assert.equal(h.turns(), 1);
    assert.equal(h.lines.length, 0);
  });

  it('a message from another tenant: no turn, no answer at all, one log line with the tenant id', async () => {
    const h = harness([OURS]);
    assert.deepEqual(await h.send({ type: 'message', text: '500001 ServerError' }, THEIRS), []);
    assert.equal(h.turns(), 0);
    assert.equal(h.lines.length, 1);
    assert.equal(h.lines[0]?.['tenantId'], THEIRS);
    assert.ok(!JSON.stringify(h.lines[0]).includes('500001'), 'the message text is not logged');
  });

  it('an activity that names no tenant is refused too', async () => {
    const h = harness([OURS]);
    assert.deepEqual(await h.send({ type: 'message', text: 'help' }, null), []);
    assert.equal(h.turns(), 0);
    assert.equal(h.lines[0]?.['tenantId'], null);
  });

  it('an activity whose two tenant fields disagree is refused (either may be the forged one)', async () => {
    const h = harness([OURS]);
    const replies = await h.send({ type: 'message', text: 'help', channelData: { tenant: { id: OURS } } }, THEIRS);
    assert.deepEqual(replies, []);
    assert.equal(h.lines[0]?.['tenantId'], THEIRS);
  });

  it('a card action from another tenant: a card with one sentence, no turn', async () => {
    const h = harness([OURS]);
    const replies = await h.send({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'failover.approve', data: { requestId: 'x' } } } }, THEIRS);
    const body = (replies[0]?.value as { status: number; body: { statusCode: number; type: string; value: AdaptiveCard } }).body;
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(said(body.value), [refusal]);
    assert.equal(h.turns(), 0);
  });

  it('the Diagnose message action from another tenant: a dialog with that sentence (in French for a French client)', async () => {
    const h = harness([OURS]);
    for (const name of ['composeExtension/fetchTask', 'composeExtension/submitAction']) {
      const replies = await h.send({ type: 'invoke', name, locale: 'fr-FR', value: { commandId: 'diagnose' } }, THEIRS);
      const task = (replies[0]?.value as { status: number; body: { task: { type: string; value: { card: { content: AdaptiveCard } } } } }).body.task;
      assert.equal(task.type, 'continue');
      assert.deepEqual(said(task.value.card.content), [uiStrings('fr').tenantRefused]);
    }
    assert.equal(h.turns(), 0);
  });

  it('any other invoke from another tenant: 403, no turn', async () => {
    const h = harness([OURS]);
    const replies = await h.send({ type: 'invoke', name: 'composeExtension/query', value: {} }, THEIRS);
    assert.deepEqual(replies[0]?.value, { status: 403 });
    assert.equal(h.turns(), 0);
  });
});

describe('tenantsOf', () => {
  it('reads channelData.tenant.id and conversation.tenantId, lower case, each once', () => {
    assert.deepEqual(tenantsOf({ channelData: { tenant: { id: OURS.toUpperCase() } }, conversation: { id: 'c', tenantId: OURS } as Activity['conversation'] }), [OURS]);
    assert.deepEqual(tenantsOf({ channelData: { tenant: { id: 7 } } }), []);
    assert.deepEqual(tenantsOf({}), []);
  });

  it('never lets a client’s free text into the log: a tenant id that is not a GUID is logged as such', async () => {
    const { logger, lines } = capturingLogger();
    const adapter = new TestAdapter(tenantGate([OURS], logger, async () => undefined), { channelId: 'msteams' });
    await adapter.processActivity({ type: 'message', text: 'x', channelData: { tenant: { id: 'SharedAccessKey=abc' } }, from: { id: '29:u', name: 'u' } } as Partial<Activity>);
    assert.equal(lines[0]?.['tenantId'], '(not a GUID)');
    assert.ok(!JSON.stringify(lines).includes('SharedAccessKey'));
  });
});
