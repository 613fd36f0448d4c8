// ALLOWED_TENANT_IDS through the running bot (ARM simulator with a hub in an outage, fake connector): an
// activity from another tenant gets no diagnosis and no action — a message no answer at all (no connector
// call), a card action a card with one sentence, the Diagnose message action a dialog with it — and one log
// line with the tenant id; the allowed tenant is served as before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { TEST_TENANT, invoke, message, postActivity } from '#test/support/activities.ts';
import { cardText } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { dialogCard, messageActionInvoke } from '#test/support/message-action.ts';
import { outageScenario, serverErrorPaste } from '#test/support/failover-e2e.ts';
import { finalReply } from '#test/support/replies.ts';

const FOREIGN_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const refusal = uiStrings('en').tenantRefused;

/** The same activity as sent from another organisation's Teams. */
function fromTenant(activity: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const channelData = { ...(activity['channelData'] as Record<string, unknown>), tenant: { id: tenant } };
  const conversation = { ...(activity['conversation'] as Record<string, unknown>), tenantId: tenant };
  return { ...activity, channelData, conversation };
}

describe('ALLOWED_TENANT_IDS', () => {
  const stack = e2eStack({ simulator: inProcessSimulator(outageScenario(['tenant-hub'])), botEnv: { ALLOWED_TENANT_IDS: TEST_TENANT } });

  it('the allowed tenant gets its diagnosis', async () => {
    const built = message({ serviceUrl: stack.connector.url, text: serverErrorPaste('tenant-hub') });
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    const reply = await finalReply(stack.connector, built.activityId);
    assert.match(reply.bodyText, /500001/);
  });

  it('a paste from another tenant: HTTP 200, no answer, no ARM call, one log line with the tenant id and not the text', async () => {
    const connectorCalls = stack.connector.requests.length;
    await fetch(`${stack.sim.url}/_sim/requests`, { method: 'DELETE' });
    const built = message({ serviceUrl: stack.connector.url, text: serverErrorPaste('tenant-hub') });
    const response = await postActivity(stack.bot.url, fromTenant(built.activity, FOREIGN_TENANT));
    assert.equal(response.status, 200);
    assert.equal(response.text, '');
    // The turn is over when the POST returns: anything it sent would already be recorded.
    assert.equal(stack.connector.requests.length, connectorCalls);
    assert.deepEqual(((await (await fetch(`${stack.sim.url}/_sim/requests`)).json()) as { requests: unknown[] }).requests, []);
    const line = JSON.parse(await stack.bot.waitForLine((candidate) => candidate.includes(built.activityId))) as Record<string, unknown>;
    assert.equal(line['msg'], 'activity refused: its tenant is not in ALLOWED_TENANT_IDS');
    assert.equal(line['tenantId'], FOREIGN_TENANT);
    assert.ok(!JSON.stringify(line).includes('500001'), 'the paste is not logged');
  });

  it('a card action from another tenant: a card with one sentence, nothing done', async () => {
    const built = invoke({
      serviceUrl: stack.connector.url,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', id: 'x', verb: 'failover.approve', data: { requestId: 'AAAAAAAAAAAAAAAAAAAAAA' } }, trigger: 'manual' },
    });
    const response = await postActivity(stack.bot.url, fromTenant(built, FOREIGN_TENANT));
    assert.equal(response.status, 200);
    const body = JSON.parse(response.text) as { statusCode: number; type: string; value: Record<string, unknown> };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(cardText(body.value).includes(refusal), true);
    assert.doesNotMatch(cardText(body.value), /failover|tenant-hub|ALLOWED/i);
  });

  it('the Diagnose message action from another tenant: a dialog with that sentence, no preview of the message', async () => {
    const built = messageActionInvoke({ serviceUrl: stack.connector.url, name: 'composeExtension/fetchTask', html: `<p>${serverErrorPaste('tenant-hub')}</p>` });
    const response = await postActivity(stack.bot.url, fromTenant(built.activity, FOREIGN_TENANT));
    assert.equal(response.status, 200);
    const card = dialogCard(JSON.parse(response.text));
    assert.ok(cardText(card).includes(refusal));
    assert.doesNotMatch(cardText(card), /500001/);
  });
});
