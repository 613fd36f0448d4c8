import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uiStrings } from '#src/i18n/index.ts';
import { subscriptionNotes } from '#src/teams/alerts/commands.ts';

describe('subscriptionNotes', () => {
  it('outside demo mode, a bot no action group can reach says an operator must configure it, never "the demo"', () => {
    for (const locale of ['en', 'fr'] as const) {
      const t = uiStrings(locale).alerts.subscriptions;
      const notes = subscriptionNotes(locale, { demo: false, demoFirer: false, webhookConfigured: false, hubName: null });
      assert.deepEqual(notes, [t.how, t.webhookOff], locale);
      assert.ok(!/d[eé]mo/i.test(t.webhookOff), `${locale}: ${t.webhookOff}`);
      assert.ok(t.webhookOff.includes('ALERTS_WEBHOOK_TOKEN'));
    }
  });

  it('in demo mode the demo variant (or the hint to fire one); with a webhook, nothing to add', () => {
    const t = uiStrings('en').alerts.subscriptions;
    assert.deepEqual(subscriptionNotes('en', { demo: true, demoFirer: false, webhookConfigured: false, hubName: null }), [t.how, t.webhookOffDemo]);
    assert.equal(subscriptionNotes('en', { demo: true, demoFirer: true, webhookConfigured: false, hubName: 'hub-1' }).length, 2);
    assert.deepEqual(subscriptionNotes('en', { demo: false, demoFirer: false, webhookConfigured: true, hubName: null }), [t.how]);
  });
});
