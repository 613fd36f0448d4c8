// Hostile input against the bot process (real per-user rate limit, simulator, fake connector): malformed and
// oversized activities, Unicode bombs, forged and malformed invokes, markdown and mention injection, a user
// flooding the bot. Never a 5xx (but the 501 botbuilder gives an invoke name it does not implement), never a
// crash, the bot answers the next message; and no planted secret or paste fragment ever reaches its logs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { uiStrings, plural } from '#src/i18n/index.ts';
import { invoke, message, postActivity } from '#test/support/activities.ts';
import type { BuiltMessage } from '#test/support/activities.ts';
import { cardText, cardsOf, onlyCard } from '#test/support/cards.ts';
import { e2eStack, inProcessSimulator } from '#test/support/e2e-stack.ts';
import type { RecordedRequest } from '#test/support/fake-connector.ts';
import { finalReply } from '#test/support/replies.ts';

const en = uiStrings('en');

/** Secrets and paste fragments planted all over this suite's input; none may appear in the bot's output streams. */
const SECRETS = {
  sharedAccessKey: 'aG9zdGlsZVNoYXJlZEFjY2Vzc0tleVZhbHVlMDEyMzQ1Njc4OQ==',
  signature: 'aG9zdGlsZVNhc1NpZ25hdHVyZVZhbHVlMDEyMzQ1Ng%3D%3D',
  accountKey: 'aG9zdGlsZUFjY291bnRLZXlWYWx1ZTAxMjM0NTY3ODlBQkNERUZHSElKS0xNTk9Q',
  bearer: 'eyJhbGciOiJSUzI1NiJ9.aG9zdGlsZUJlYXJlclRva2VuUGF5bG9hZA.aG9zdGlsZVNpZ25hdHVyZQ',
  password: 'h0stile-Pa55word-7d2c9e',
  primaryKey: 'aG9zdGlsZVByaW1hcnlLZXlWYWx1ZTAxMjM0NTY3ODk=',
};
const FRAGMENTS = ['quokka-zebra-paste-fragment', 'the-tangerine-gateway-on-floor-nine', 'XYZZY-PLUGH-PASTE'];
const PLANTED = [...Object.values(SECRETS), decodeURIComponent(SECRETS.signature), ...FRAGMENTS];

const SECRET_PASTE = [
  `${FRAGMENTS[0]} HostName=contoso-iot.azure-devices.net;DeviceId=d1;SharedAccessKey=${SECRETS.sharedAccessKey}`,
  `SharedAccessSignature sr=contoso-iot.azure-devices.net%2Fdevices%2Fd1&sig=${SECRETS.signature}&se=1764236400`,
  `DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=${SECRETS.accountKey};EndpointSuffix=core.windows.net`,
  `Authorization: Bearer ${SECRETS.bearer}`,
  `Server=tcp:db;User ID=iot;Password=${SECRETS.password};`,
  `{"primaryKey":"${SECRETS.primaryKey}"} ${FRAGMENTS[1]}`,
  '{"errorCode":401002,"message":"IotHubUnauthorizedAccess"}',
].join('\n');

function freshUser(): { id: string; name: string; aadObjectId: string } {
  const aadObjectId = randomUUID();
  return { id: `29:hostile-${aadObjectId}`, name: 'Mallory', aadObjectId };
}

/** A message from a user of its own, so this suite's many messages stay clear of the rate limit. */
function fromFreshUser(built: BuiltMessage): BuiltMessage {
  built.activity.from = freshUser();
  return built;
}

/** POSTs raw bytes with the given headers (for bodies fetch would not send as is). */
function rawPost(url: string, body: string | Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/api/messages`);
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile input (bot process, real rate limit)', () => {
  const stack = e2eStack({
    simulator: inProcessSimulator('outage'),
    botEnv: {
      HEALTH_BUDGET_MS: '1500',
      // The production defaults, on purpose: this suite tests them.
      RATE_LIMIT_MESSAGES_PER_MINUTE: '10',
      RATE_LIMIT_BURST: '5',
    },
  });

  async function exchange(built: BuiltMessage): Promise<RecordedRequest> {
    const response = await postActivity(stack.bot.url, built.activity);
    assert.equal(response.status, 200, response.text);
    return finalReply(stack.connector, built.activityId);
  }

  async function stillAnswers(): Promise<void> {
    const reply = await exchange(fromFreshUser(message({ serviceUrl: stack.connector.url, text: 'help' })));
    assert.ok(cardText(onlyCard(reply)).includes(en.help.intro));
    assert.equal(stack.bot.child.exitCode, null, 'the bot process is still running');
  }

  describe('malformed and oversized activities', () => {
    const base = (): Record<string, unknown> => fromFreshUser(message({ serviceUrl: 'http://127.0.0.1:9', text: 'help' })).activity;
    const withConnector = (): Record<string, unknown> => fromFreshUser(message({ serviceUrl: stack.connector.url, text: 'help' })).activity;
    const cases: [string, () => unknown, number][] = [
      ['no type', () => ({ ...base(), type: undefined }), 400],
      ['type is a number', () => ({ ...base(), type: 42 }), 400],
      ['no conversation', () => ({ ...base(), conversation: undefined }), 400],
      ['conversation is a string', () => ({ ...base(), conversation: 'a:1' }), 400],
      ['conversation id is a number', () => ({ ...base(), conversation: { id: 7 } }), 400],
      ['no serviceUrl', () => ({ ...base(), serviceUrl: undefined }), 400],
      ['serviceUrl is javascript:', () => ({ ...base(), serviceUrl: 'javascript:alert(1)' }), 400],
      ['text is an object holding a paste', () => ({ ...base(), text: { paste: SECRET_PASTE } }), 400],
      ['text is a number', () => ({ ...base(), text: 500001 }), 400],
      ['from is a string', () => ({ ...base(), from: FRAGMENTS[2] }), 400],
      ['locale is an object', () => ({ ...base(), locale: { lang: 'fr' } }), 400],
      ['id is a number', () => ({ ...base(), id: 1 }), 400],
      ['attachments is HTML text', () => ({ ...base(), attachments: `<p>${SECRET_PASTE}</p>` }), 400],
      ['attachments hold junk', () => ({ ...base(), attachments: [null, 42, { contentType: 7 }] }), 400],
      ['entities is a string', () => ({ ...base(), entities: '<at>bot</at>' }), 400],
      ['a mention entity without an account', () => ({ ...base(), entities: [{ type: 'mention', text: '<at>x</at>', mentioned: 'x' }] }), 400],
      ['channelData is a string', () => ({ ...base(), channelData: SECRET_PASTE }), 400],
      ['conversation.isGroup is a string', () => ({ ...base(), conversation: { id: 'c', isGroup: 'yes' } }), 400],
      ['membersAdded is a string', () => ({ ...base(), type: 'conversationUpdate', membersAdded: 'everyone' }), 400],
      ['membersAdded holds nulls', () => ({ ...base(), type: 'conversationUpdate', membersAdded: [null, 42] }), 400],
      ['reactionsAdded is a string', () => ({ ...base(), type: 'messageReaction', reactionsAdded: 'like' }), 400],
      ['an invoke without a name', () => ({ ...invoke({ serviceUrl: stack.connector.url, name: 'x', value: {} }), name: undefined }), 400],
      ['nested 1,000 levels deep', () => ({ ...base(), channelData: JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`) as unknown }), 400],
      ['a JSON array', () => [withConnector()], 400],
      ['a JSON string', () => JSON.stringify(JSON.stringify(SECRET_PASTE)), 400],
      ['not JSON', () => `{"type":"message","text":"${FRAGMENTS[2]}`, 400],
      ['1 MB of text', () => ({ ...base(), text: `${FRAGMENTS[2]} ${'x'.repeat(1024 * 1024)}` }), 413],
      ['no from at all', () => ({ ...withConnector(), from: undefined }), 200],
      ['an unknown activity type', () => ({ ...withConnector(), type: 'hostileType' }), 200],
      ['a timestamp that is no date', () => ({ ...withConnector(), timestamp: 'the day before yesterday' }), 200],
      ['a conversationUpdate removing unknown members', () => ({ ...withConnector(), type: 'conversationUpdate', membersRemoved: [{ id: '29:nobody' }] }), 200],
    ];
    for (const [name, build, expected] of cases) {
      it(`${name} → ${expected}`, async () => {
        const response = await postActivity(stack.bot.url, build());
        assert.equal(response.status, expected, response.text);
        if (expected >= 400) {
          const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
          assert.equal(typeof body.error?.code, 'string', 'a JSON error with a code');
          assert.ok(!response.text.includes(FRAGMENTS[2] ?? '<none>') && !response.text.includes(SECRETS.sharedAccessKey), 'nothing of the input echoed');
        }
      });
    }

    it('bodies a client cannot send as JSON: wrong media type, compressed, empty → 4xx', async () => {
      const json = JSON.stringify(base());
      assert.equal(await rawPost(stack.bot.url, json, { 'content-type': 'text/plain' }), 415);
      assert.equal(await rawPost(stack.bot.url, Buffer.from([0x1f, 0x8b, 0, 0]), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415);
      assert.equal(await rawPost(stack.bot.url, '', { 'content-type': 'application/json' }), 400);
      assert.equal(await rawPost(stack.bot.url, Buffer.from([0xff, 0xfe, 0x7b]), { 'content-type': 'application/json' }), 400);
    });

    it('the bot still answers afterwards', stillAnswers);
  });

  describe('large and strange text that is accepted', () => {
    const bombs: [string, string][] = [
      ['200 KB of log before the error', `${'2025-11-27T09:00:00Z INFO heartbeat ok\n'.repeat(5_000)}{"errorCode":500001,"message":"ServerError"}`],
      ['Zalgo: 60,000 combining marks', `${'e\u0301\u0302\u0303\u0304'.repeat(12_000)} {"errorCode":404103}`],
      ['bidi overrides and zero-width characters', `\u202e{"errorCode":404103}\u202c \u200b\u200d\u2066${'\u200b'.repeat(20_000)}`],
      ['lone surrogates and NUL characters', `\ud800\udfff\udc00 \u0000{"errorCode":404103}\u0000 ${'\ud83d'.repeat(5_000)}`],
      ['10,000 emoji ZWJ sequences', `${'👩‍👩‍👧‍👦'.repeat(10_000)} {"errorCode":404103}`],
      ['a million-looking number and nothing else', '9'.repeat(100_000)],
    ];
    for (const [name, text] of bombs) {
      it(`${name}: answered with a card`, async () => {
        const reply = await exchange(fromFreshUser(message({ serviceUrl: stack.connector.url, text })));
        const cards = cardsOf(reply);
        assert.equal(cards.length, 1, reply.bodyText.slice(0, 300));
        assert.ok(Buffer.byteLength(reply.bodyText) < 100 * 1024, 'the card stays within the Teams size limit');
      });
    }

    it('an HTML attachment of 200 KB of nested markup is read, bounded', async () => {
      const html = `${'<div><span>'.repeat(8_000)}<pre>{"errorCode":404103,"message":"DeviceNotOnline"}</pre>${'</span></div>'.repeat(8_000)}`;
      const built = fromFreshUser(message({ serviceUrl: stack.connector.url, text: '', html }));
      const reply = await exchange(built);
      assert.match(cardText(onlyCard(reply)), /404103/);
    });

    it('the bot still answers afterwards', stillAnswers);
  });

  describe('invoke payloads', () => {
    const cardAction = (value: unknown, from = freshUser()): Record<string, unknown> => ({ ...invoke({ serviceUrl: stack.connector.url, name: 'adaptiveCard/action', value }), from });
    const execute = (verb: unknown, data: unknown = {}): Record<string, unknown> => cardAction({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });

    it('forged, unknown or another conversation request ids on the failover verbs start nothing', async () => {
      const forged = [randomUUID(), '../../etc/passwd', `${FRAGMENTS[2]}`, '{"$ne":null}', 'x'.repeat(5_000), 42, null];
      const before = stack.sim.countRequests({ route: 'failover.start' });
      for (const verb of ['failover.request', 'failover.approve', 'failover.reject', 'failover.cancel', 'card.refresh']) {
        for (const requestId of forged) {
          const response = await postActivity(stack.bot.url, execute(verb, { requestId, justification: SECRET_PASTE, reason: FRAGMENTS[1] }));
          assert.ok(response.status === 200 || (response.status >= 400 && response.status < 500), `${verb} ${String(requestId).slice(0, 20)}: ${response.status}`);
          if (response.status === 200) {
            const body = JSON.parse(response.text) as { statusCode?: unknown; type?: unknown };
            assert.ok(body.statusCode === 200 || (typeof body.statusCode === 'number' && body.statusCode >= 400 && body.statusCode < 500), response.text.slice(0, 300));
            assert.ok(!response.text.includes(SECRETS.sharedAccessKey), 'nothing of the justification echoed back raw');
          }
        }
      }
      assert.equal(stack.sim.countRequests({ route: 'failover.start' }), before, 'no failover reached ARM');
    });

    // 'refusal': HTTP 200 with a refusal in the invoke body (what Teams shows best), or a 4xx.
    const malformed: [string, () => Record<string, unknown>, 'refusal' | 200 | 501][] = [
      ['value is null', () => cardAction(null), 'refusal'],
      ['value is a number', () => cardAction(42), 'refusal'],
      ['value is a string', () => cardAction('failover.approve'), 'refusal'],
      ['value is an array', () => cardAction([{ action: {} }]), 'refusal'],
      ['action is null', () => cardAction({ action: null }), 'refusal'],
      ['action without a verb', () => cardAction({ action: { type: 'Action.Execute' } }), 'refusal'],
      ['verb is a number', () => execute(42), 'refusal'],
      ['verb is __proto__', () => execute('__proto__'), 'refusal'],
      ['verb is constructor', () => execute('constructor'), 'refusal'],
      ['verb is unknown', () => execute('failover.approve-all'), 'refusal'],
      ['action type is Action.Submit', () => cardAction({ action: { type: 'Action.Submit', verb: 'card.refresh' } }), 'refusal'],
      ['a message action fetchTask with a number', () => ({ ...invoke({ serviceUrl: stack.connector.url, name: 'composeExtension/fetchTask', value: 42 }), from: freshUser() }), 200],
      ['a message action submit with junk data', () => ({ ...invoke({ serviceUrl: stack.connector.url, name: 'composeExtension/submitAction', value: { commandId: 'diagnose', data: [SECRET_PASTE] } }), from: freshUser() }), 200],
      // botbuilder's answer to an invoke name no handler implements (the Bot Framework convention), not a failure.
      ['an invoke name the bot does not implement', () => ({ ...invoke({ serviceUrl: stack.connector.url, name: 'hostile/unknown', value: {} }), from: freshUser() }), 501],
    ];
    for (const [name, build, expected] of malformed) {
      it(`${name} → ${expected}`, async () => {
        const response = await postActivity(stack.bot.url, build());
        if (expected !== 'refusal') {
          assert.equal(response.status, expected, response.text.slice(0, 300));
          return;
        }
        assert.ok(response.status === 200 || (response.status >= 400 && response.status < 500), `${response.status} ${response.text.slice(0, 300)}`);
        if (response.status === 200) {
          const body = JSON.parse(response.text) as { statusCode?: unknown; value?: unknown };
          assert.equal(body.statusCode, 200, response.text.slice(0, 300));
          assert.ok(body.value !== undefined && body.value !== null, 'the refusal says something');
        }
      });
    }

    it('an unknown verb gets a clear refusal, in HTTP 200 as Teams expects', async () => {
      const response = await postActivity(stack.bot.url, execute('failover.approve-all', { requestId: randomUUID() }));
      assert.equal(response.status, 200);
      const body = JSON.parse(response.text) as { statusCode?: unknown; type?: unknown; value?: unknown };
      assert.equal(body.statusCode, 200);
      assert.equal(typeof body.value === 'string' || (typeof body.value === 'object' && body.value !== null), true, response.text);
    });

    it('the bot still answers afterwards', stillAnswers);
  });

  describe('markdown and mention injection in a paste', () => {
    it('reaches the card as inert text: no link, image, mention or formatting', async () => {
      // Tracking ids are echoed on the card (facts and the support block), so they carry the injections.
      const paste = [
        'Microsoft.Azure.Devices.Client.Exceptions.DeviceNotFoundException: <at>Alice</at> [click](https://evil.example/a) **urgent** {{DATE(2025-01-01T00:00:00Z)}}',
        '{"errorCode":404001,"message":"DeviceNotFound","trackingId":"[click](https://evil.example/phish)"}',
        '{"errorCode":404001,"message":"DeviceNotFound","trackingId":"![](https://evil.example/pixel.png)"}',
        '{"errorCode":404001,"message":"DeviceNotFound","trackingId":"__urgent__~~struck~~#heading"}',
        'HostName=contoso-iot-eu.azure-devices.net',
      ].join('\n');
      const built = fromFreshUser(message({ serviceUrl: stack.connector.url, kind: 'groupChat', text: paste }));
      const reply = await exchange(built);
      const card = onlyCard(reply);
      for (const echoed of ['[click](https://evil.example/phish)', '![](https://evil.example/pixel.png)', '__urgent__']) {
        assert.ok(cardText(card).includes(echoed), `"${echoed}" is echoed (so the test shows it inert)`);
      }

      const markdownSurfaces: string[] = [];
      const plainSurfaces: string[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (node === null || typeof node !== 'object') return;
        const element = node as Record<string, unknown>;
        if (element.type === 'TextBlock' && typeof element.text === 'string') markdownSurfaces.push(element.text);
        if (element.type === 'TextRun' && typeof element.text === 'string') plainSurfaces.push(element.text);
        if (typeof element.title === 'string' && typeof element.value === 'string') markdownSurfaces.push(element.title, element.value);
        Object.values(element).forEach(visit);
      };
      visit(card);
      for (const text of markdownSurfaces) {
        assert.doesNotMatch(text, /(?<!\\)\[[^\]]*(?<!\\)\]\((?!\S*\\\))/, `a live markdown link: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)!(?<!\\)\[/, `a live markdown image: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)<at>/i, `a live mention: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)[*_](?<!\\)[*_]urgent|(?<!\\)~(?<!\\)~struck|(?<![\\\w])#heading/, `live formatting: ${text}`);
        assert.doesNotMatch(text, /\{\{DATE\(/, `a live date function: ${text}`);
      }
      for (const text of plainSurfaces) assert.doesNotMatch(text, /<at>|\{\{DATE/i, `a mention or date function in a TextRun: ${text}`);
      const entities = Array.isArray(reply.body?.entities) ? reply.body.entities : [];
      assert.ok(!entities.some((entity) => (entity as { type?: unknown }).type === 'mention'), 'the reply mentions nobody');
      assert.ok(!JSON.stringify(card).includes('"msteams":{"entities"'), 'the card carries no mention entities');
    });
  });

  describe('a user flooding the bot', () => {
    it('50 messages at once: the burst is answered, one polite notice, the rest skipped; another user is unaffected', { timeout: 30_000 }, async () => {
      const flooder = freshUser();
      const conversationId = `a:1flood-${randomUUID()}`;
      const flood = Array.from({ length: 50 }, (_, i) => {
        const built = message({ serviceUrl: stack.connector.url, text: i % 2 === 0 ? 'help' : '{"errorCode":500001}', conversationId, id: `flood-${i}-${randomUUID()}` });
        built.activity.from = flooder;
        return built;
      });
      const statuses = await Promise.all(flood.map(async (built) => (await postActivity(stack.bot.url, built.activity)).status));
      assert.deepEqual([...new Set(statuses)], [200], 'every message acknowledged with 200');

      const other = fromFreshUser(message({ serviceUrl: stack.connector.url, text: 'help', conversationId }));
      assert.ok(cardText(onlyCard(await exchange(other))).includes(en.help.intro), 'another user in the same chat is answered');

      const ids = new Set(flood.map((built) => built.activityId));
      const replies = stack.connector.requests.filter((request) => request.activityId !== null && ids.has(request.activityId) && request.status === 200);
      const cards = replies.filter((request) => cardsOf(request).length > 0);
      const notices = replies.filter((request) => cardsOf(request).length === 0);
      assert.equal(cards.length, 5, 'the burst (5) is answered');
      assert.equal(notices.length, 1, 'one notice');
      assert.match(String(notices[0]?.body?.text), new RegExp(plural('en', 6, en.rateLimit.notice).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('6', '\\d+')));
      const refusals = stack.bot.logLines().filter((line) => line.msg === 'message refused: rate limit' && typeof line.activityId === 'string' && ids.has(line.activityId));
      assert.equal(refusals.length, 45);

      const exposition = await (await fetch(`${stack.bot.url}/metrics`)).text();
      assert.match(exposition, /^iothub_oncall_rate_limited_messages_total\{notified="true"\} 1$/m);
      assert.match(exposition, /^iothub_oncall_rate_limited_messages_total\{notified="false"\} 44$/m);
      assert.match(exposition, /^iothub_oncall_turns_total\{type="message",outcome="rate-limited"\} 45$/m);
    });
  });

  describe('what leaves the process', () => {
    it('planted secrets and paste fragments are in no log line, no stderr, no connector request', async () => {
      // One more round of plants through every channel a paste can take: text, HTML attachment, message action.
      await exchange(fromFreshUser(message({ serviceUrl: stack.connector.url, text: SECRET_PASTE })));
      await exchange(fromFreshUser(message({ serviceUrl: stack.connector.url, text: '', html: `<p>${SECRET_PASTE.replace(/\n/g, '<br>')}</p>`, kind: 'personal' })));
      const fetchTask = {
        ...invoke({
          serviceUrl: stack.connector.url,
          name: 'composeExtension/fetchTask',
          value: { commandId: 'diagnose', commandContext: 'message', messagePayload: { id: '1700000000000', body: { contentType: 'html', content: `<p>${SECRET_PASTE}</p>` } } },
        }),
        from: freshUser(),
      };
      assert.equal((await postActivity(stack.bot.url, fetchTask)).status, 200);
      await stack.bot.waitForLine((line) => line.includes('"msg":"message action preview answered"'));
      // A forged command id carrying a paste is refused without being logged.
      const forgedCommand: Record<string, unknown> = {
        ...invoke({ serviceUrl: stack.connector.url, name: 'composeExtension/submitAction', value: { commandId: `${FRAGMENTS[0]} ${SECRET_PASTE}`, data: {} } }),
        from: freshUser(),
      };
      assert.equal((await postActivity(stack.bot.url, forgedCommand)).status, 200);
      await stack.bot.waitForLine((line) => line.includes('"msg":"message action not handled"') && line.includes(String(forgedCommand.id)));

      const output = stack.bot.stdout() + stack.bot.stderr();
      for (const planted of PLANTED) assert.ok(!output.includes(planted), `planted value in the bot output: ${planted.slice(0, 12)}…`);
      for (const request of stack.connector.requests) {
        for (const secret of [...Object.values(SECRETS), decodeURIComponent(SECRETS.signature)]) {
          assert.ok(!request.bodyText.includes(secret), `secret in a connector request to ${request.path}`);
        }
      }
    });

    it('every turn line carries the activity and conversation ids; ARM lookups carry ARM request ids', () => {
      const turnLines = stack.bot.logLines().filter((line) => line.msg === 'turn completed');
      assert.ok(turnLines.length > 50, `${turnLines.length} turns logged`);
      for (const line of turnLines) {
        assert.equal(typeof line.activityId, 'string', JSON.stringify(line));
        assert.equal(typeof line.conversationId, 'string', JSON.stringify(line));
        assert.ok(Array.isArray(line.armRequestIds));
      }
      for (const line of stack.bot.logLines().filter((candidate) => candidate.msg === 'message answered' || candidate.msg === 'card action')) {
        assert.equal(typeof line.activityId, 'string');
        assert.equal(typeof line.conversationId, 'string');
      }
      const withArm = turnLines.filter((line) => Array.isArray(line.armRequestIds) && line.armRequestIds.length > 0);
      assert.ok(withArm.length > 0, 'health lookups leave their ARM request ids on the turn line');
      for (const line of withArm) for (const id of line.armRequestIds as string[]) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'an x-ms-request-id');
    });

    it('/metrics says what happened and exposes nothing from the requests', async () => {
      const exposition = await (await fetch(`${stack.bot.url}/metrics`)).text();
      assert.match(exposition, /^iothub_oncall_diagnoses_total\{code="404103"\} \d+$/m);
      assert.match(exposition, /^iothub_oncall_pasted_secrets_total\{kind="shared-access-key"\} \d+$/m);
      assert.match(exposition, /^iothub_oncall_turns_total\{type="invoke",outcome="ok"\} \d+$/m);
      assert.match(exposition, /^iothub_oncall_arm_request_duration_seconds_count\{operation="health.availability"\} [1-9]\d*$/m);
      for (const needle of ['contoso-iot', 'azure-devices.net', 'hostile', 'Mallory', 'flood-', stack.sim.subscriptions[0] ?? '<none>', ...PLANTED]) {
        assert.ok(!exposition.includes(needle), `"${needle.slice(0, 16)}" in /metrics`);
      }
    });
  });
});
