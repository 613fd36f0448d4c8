// Three separate processes, as in production: the ARM simulator (`iothub-oncall sim`), the bot, and this
// test acting as Teams (fake connector). Also covers the `health <hub>` command end to end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uiStrings } from '#src/i18n/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import type { BuiltMessage } from '#test/support/activities.ts';
import { cardText, onlyCard } from '#test/support/cards.ts';
import { e2eStack, simulatorProcess } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');

describe('simulator process + bot process', () => {
  const stack = e2eStack({ simulator: simulatorProcess('outage') });

  async function exchange(built: BuiltMessage): Promise<RecordedRequest> {
    assert.equal((await postActivity(stack.bot.url, built.activity)).status, 200);
    return finalReply(stack.connector, built.activityId);
  }

  it('`health <hub>` answers with the health card of that hub', async () => {
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: 'health contoso-iot' }))));
    assert.ok(text.includes(en.health.cardTitle), text);
    assert.ok(text.includes(en.health.states.Unavailable), text);
  });

  it('`health` with a hub the subscriptions do not hold says which subscriptions were searched', async () => {
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: 'health fabrikam-nowhere' }))));
    assert.ok(text.includes(stack.sim.subscriptions[0] ?? '<none>'), text);
  });

  it('`health` alone offers the hubs to choose from', async () => {
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, text: 'health' }))));
    assert.ok(text.includes(en.choice.text), text);
    assert.match(text, /contoso-iot-eu/);
  });

  it('a paste from the outage hub gets the outage on its card', async () => {
    const paste = 'iothub-errorcode: ServerError\n{"errorCode":500001,"message":"ServerError"}\nhost contoso-iot.azure-devices.net';
    const text = cardText(onlyCard(await exchange(message({ serviceUrl: stack.connector.url, kind: 'groupChat', text: paste }))));
    assert.ok(text.includes(en.health.states.Unavailable), text);
  });
});
