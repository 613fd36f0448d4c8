// What a failover request lets other conversations see, and what a secret typed into it leaves behind, end to
// end: the bot as its own process (SQLite state, debug logs), the ARM simulator, the fake Bot Connector.
// A request made in a channel is shown in full there (and in its other threads); a bystander's 1:1 chat, an
// approver's 1:1 chat and another channel see only the hub, the state and the time. A key typed into the
// justification or the reject reason reaches no card, no store row, no audit export and no log line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { uiStrings } from '#src/i18n/index.ts';
import { message, postActivity } from '#test/support/activities.ts';
import { cardText, cardsOf } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import { ALICE, AUDIT_TOKEN, BOB, CAROL, FAILOVER_BOT_ENV, MALLORY, actOnProposal, channelMessage, outageScenario, pasteForProposal } from '#test/support/failover-e2e.ts';
import type { InvokeAnswer, ProposalCard, TeamsUser } from '#test/support/failover-e2e.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en').failover;
const fr = uiStrings('fr').failover;

const JUSTIFICATION = 'Plant seven gateways offline since dawn ticket PRIVATE-4711';
const REASON = 'Vendor promised mitigation within minutes per bridge call PRIVATE-0815';

/** A regular expression matching `text` as is. */
function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** A 32-byte key as Azure prints it: 44 base64 characters; the test searches for it everywhere. */
function newKey(): string {
  return randomBytes(32).toString('base64');
}

/** Which of `needles` appear in `haystack`, also once markdown escapes and JSON escapes are undone. */
function found(haystack: string, needles: readonly string[]): string[] {
  const unescaped = haystack.replace(/\\+/g, '');
  return needles.filter((needle) => haystack.includes(needle) || unescaped.includes(needle));
}

/** A value and a 16-character piece of it: a cut-off echo of a key is a leak too. */
function keyNeedles(key: string): string[] {
  return [key, key.slice(0, 16)];
}

/** Every text value of every row of every table of the SQLite file. */
function sqliteValues(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const values: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()) {
        for (const value of Object.values(row)) if (value !== null) values.push(String(value));
      }
    }
    return values;
  } finally {
    db.close();
  }
}

describe('failover isolation and free-text redaction end to end (bot process, SQLite, simulator, fake connector)', () => {
  const stack = e2eStack({
    simulator: inProcessSimulator(outageScenario(['hub-private', 'hub-keys'])),
    sqliteState: true,
    botEnv: { ...FAILOVER_BOT_ENV, LOG_LEVEL: 'trace' },
  });

  const act = (proposal: ProposalCard, from: TeamsUser, verb: string, data: Record<string, unknown> = {}): Promise<InvokeAnswer> =>
    actOnProposal(stack.bot.url, stack.connector.url, proposal, from, verb, data);

  /** Sends `text` as `from` in an activity and returns the text of the card the bot answered with. */
  const command = async (activity: Record<string, unknown>, activityId: string, from: TeamsUser): Promise<string> => {
    activity['from'] = { ...from };
    const response = await postActivity(stack.bot.url, activity);
    assert.equal(response.status, 200, response.text);
    const reply = await finalReply(stack.connector, activityId);
    const card = cardsOf(reply)[0];
    assert.ok(card, `a card: ${reply.bodyText.slice(0, 300)}`);
    return cardText(card);
  };
  /** A new 1:1 chat of `from` with the bot. */
  const inPersonalChat = (from: TeamsUser, text: string, locale = 'en-US'): Promise<string> => {
    const built = message({ serviceUrl: stack.connector.url, text, kind: 'personal', locale });
    return command(built.activity, built.activityId, from);
  };
  /** A new thread of the channel the requests were made in. */
  const inSameChannel = (from: TeamsUser, text: string): Promise<string> => {
    const built = channelMessage(stack.connector.url, from, text);
    return command(built.activity, built.activityId, from);
  };
  /** A thread of another channel of the same team. */
  const inOtherChannel = (from: TeamsUser, text: string): Promise<string> => {
    const built = message({ serviceUrl: stack.connector.url, text, kind: 'channel', conversationId: `19:private-channel@thread.tacv2;messageid=${Date.now()}` });
    return command(built.activity, built.activityId, from);
  };

  it('status and audit show a request in full in its channel, and only hub, state and time in other conversations', async () => {
    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-private');
    const requested = await act(proposal, ALICE, 'failover.request', { justification: JUSTIFICATION });
    assert.match(requested.text, /waiting for approval/);
    const private_ = [ALICE.name, BOB.name, CAROL.name, JUSTIFICATION, REASON, 'PRIVATE-', 'On-call', 'Platform'];

    // Pending: elsewhere, the hub and its state; no names, no justification.
    const elsewhere = {
      'bystander 1:1 status': await inPersonalChat(MALLORY, 'status'),
      'bystander 1:1 audit': await inPersonalChat(MALLORY, 'audit'),
      'bystander 1:1 audit hub': await inPersonalChat(MALLORY, 'audit hub-private'),
      'bystander 1:1 statut (fr)': await inPersonalChat(MALLORY, 'statut', 'fr-FR'),
      'approver 1:1 status': await inPersonalChat(BOB, 'status'),
      'approver 1:1 audit': await inPersonalChat(BOB, 'audit'),
      'other channel status': await inOtherChannel(MALLORY, 'status'),
    };
    for (const [where, text] of Object.entries(elsewhere)) {
      assert.deepEqual(found(text, private_), [], `${where} leaks:\n${text}`);
      assert.match(text, /hub-private/, `${where} names the hub`);
    }
    assert.match(elsewhere['bystander 1:1 status'], /Failover of hub-private to East US: Waiting for approval/);
    assert.match(elsewhere['bystander 1:1 status'], new RegExp(en.status.elsewhere));
    assert.match(elsewhere['bystander 1:1 audit'], new RegExp(`${en.audit.kinds.requested} · hub-private`));
    assert.match(elsewhere['bystander 1:1 statut (fr)'], new RegExp(`hub-private.*${fr.status.states.requested}`));
    assert.match(elsewhere['approver 1:1 status'], /hub-private to East US: Waiting for approval/);

    // In the channel (another thread of it): everything.
    const channelStatus = await inSameChannel(MALLORY, 'status');
    assert.deepEqual(found(channelStatus, [ALICE.name, JUSTIFICATION]), [ALICE.name, JUSTIFICATION], channelStatus);
    assert.match(channelStatus, new RegExp(en.status.here));

    const rejected = await act(proposal, CAROL, 'failover.reject', { reason: REASON });
    assert.match(rejected.text, /: rejected/);

    const afterRejection = {
      'bystander 1:1 status': await inPersonalChat(MALLORY, 'status'),
      'bystander 1:1 audit': await inPersonalChat(MALLORY, 'audit hub-private'),
      'approver 1:1 audit': await inPersonalChat(BOB, 'audit'),
      'other channel audit': await inOtherChannel(MALLORY, 'audit'),
    };
    for (const [where, text] of Object.entries(afterRejection)) assert.deepEqual(found(text, private_), [], `${where} leaks after the rejection:\n${text}`);
    assert.match(afterRejection['bystander 1:1 audit'], new RegExp(`${en.audit.kinds.rejected} · hub-private`));
    assert.match(afterRejection['bystander 1:1 audit'], new RegExp(`${en.audit.kinds.requested} · hub-private`));

    const channelAudit = await inSameChannel(MALLORY, 'audit hub-private');
    assert.deepEqual(found(channelAudit, [ALICE.name, CAROL.name, JUSTIFICATION, REASON]), [ALICE.name, CAROL.name, JUSTIFICATION, REASON], channelAudit);

    // The operators' export keeps the whole trail.
    const exported = await (await fetch(`${stack.bot.url}/api/audit?format=csv&hub=hub-private`, { headers: { authorization: `Bearer ${AUDIT_TOKEN}` } })).text();
    assert.deepEqual(found(exported, [ALICE.name, CAROL.name, JUSTIFICATION, REASON]), [ALICE.name, CAROL.name, JUSTIFICATION, REASON]);
  });

  it('a key typed into the justification or the reject reason is in no card, store row, audit export or log line; the card says it was removed', async () => {
    const deviceKey = newKey();
    const connectionString = `HostName=hub-keys.azure-devices.net;DeviceId=gateway-7;SharedAccessKey=${deviceKey}`;
    const signature = encodeURIComponent(newKey());
    const sasToken = `SharedAccessSignature sr=hub-keys.azure-devices.net%2Fdevices%2Fgateway-7&sig=${signature}&se=1798761600`;
    const needles = [...keyNeedles(deviceKey), ...keyNeedles(signature), ...keyNeedles(decodeURIComponent(signature))];
    const answers: string[] = [];

    const proposal = await pasteForProposal(stack.bot.url, stack.connector, ALICE, 'hub-keys');
    // Only a connection string: once its key is removed nothing says why; refused, and told why.
    const onlyKey = await act(proposal, ALICE, 'failover.request', { justification: connectionString });
    answers.push(JSON.stringify(onlyKey.body));
    assert.doesNotMatch(onlyKey.text, /waiting for approval/);
    assert.match(onlyKey.text, literal(en.refusals['justification-only-secret']));

    const requested = await act(proposal, ALICE, 'failover.request', { justification: `Gateways cannot connect, tested with ${connectionString}` });
    answers.push(JSON.stringify(requested.body));
    assert.match(requested.text, /waiting for approval/);
    assert.match(requested.text, /Gateways cannot connect, tested with HostName=hub-keys\.azure-devices\.net;DeviceId=gateway-7;SharedAccessKey=\[REDACTED\]/);
    assert.match(requested.text, literal(en.secretsRemoved.justification.one.replace('{kinds}', 'shared access key')));

    const rejected = await act(proposal, CAROL, 'failover.reject', { reason: `Not needed, devices work with ${sasToken}` });
    answers.push(JSON.stringify(rejected.body));
    assert.match(rejected.text, /: rejected/);
    assert.match(rejected.text, /sig=\[REDACTED\]/);
    assert.match(rejected.text, literal(en.secretsRemoved.reason.one.replace('{kinds}', 'SAS token signature')));

    // The channel's own status and audit show the redacted texts.
    answers.push(await inSameChannel(ALICE, 'audit hub-keys'));
    assert.match(answers.at(-1) ?? '', /SharedAccessKey=\[REDACTED\]/);

    const exports = await Promise.all(
      ['csv', 'json'].map(async (format) => (await fetch(`${stack.bot.url}/api/audit?format=${format}&hub=hub-keys`, { headers: { authorization: `Bearer ${AUDIT_TOKEN}` } })).text()),
    );
    assert.match(exports[1] ?? '', /SharedAccessKey=\[REDACTED\]/, 'the export has the redacted justification');

    const leaks: Record<string, string[]> = {
      'invoke answers': found(answers.join('\n'), needles),
      'connector bodies': found(stack.connector.requests.map((request) => request.bodyText).join('\n'), needles),
      'SQLite values': found(sqliteValues(stack.database).join('\n'), needles),
      'SQLite files': found(['', '-wal'].map((suffix) => (existsSync(stack.database + suffix) ? readFileSync(stack.database + suffix, 'latin1') : '')).join('\n'), needles),
      'audit export (CSV, JSON)': found(exports.join('\n'), needles),
      'log lines': found(stack.bot.stdout() + stack.bot.stderr(), needles),
    };
    assert.deepEqual(leaks, Object.fromEntries(Object.keys(leaks).map((where) => [where, []])));
  });
});
