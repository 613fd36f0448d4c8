import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '#src/core/locale.ts';
import { errorText, notIotHubText, serviceDocLink, serviceText, serviceVerdict } from '#src/i18n/errors/index.ts';
import { notIotHubKind } from '#src/teams/cards/explain.ts';
import { uiStrings } from '#src/i18n/index.ts';
import { renderDiagnosisCard } from '#src/teams/cards/index.ts';
import type { CardAction } from '#src/teams/cards/index.ts';
import { assertWellFormedCard, cardText, diagnosis, elementsOfType, finding, healthOk, isObject, walk } from '#test/support/card-helpers.ts';

const render = (d = diagnosis(), locale: Locale = 'en', actions?: CardAction[]) =>
  renderDiagnosisCard({ diagnosis: d, locale, demo: false, hub: { kind: 'health', result: healthOk() }, advice: { kind: 'retry-hub-healthy', availabilityState: 'Available' }, ...(actions ? { actions } : {}) });

test('the headline is the first (most severe) finding: code, name, our title and cause, numbered steps', () => {
  for (const locale of ['en', 'fr'] as const) {
    const card = render(diagnosis(), locale);
    const text = cardText(card);
    const explained = errorText(locale, 500001);
    assert.ok(explained, 'the catalog explains 500001');
    assert.ok(text.includes('500001 ServerError'));
    assert.ok(text.includes(explained.title));
    assert.ok(text.includes(explained.cause));
    const steps = elementsOfType(card, 'TextBlock').map((b) => String(b['text'])).find((t) => t.startsWith('1. '));
    assert.ok(steps, 'numbered steps');
    assert.equal(steps.split('\r').length, explained.actions.length);
    explained.actions.forEach((action, i) => assert.ok(steps.includes(`${i + 1}. ${action}`)));
    assert.ok(text.includes(uiStrings(locale).verdict['transient-service']));
  }
});

test('the transient badge says Transient, Not transient or Unknown, each in its own colour', () => {
  const badge = (transient: boolean | null) => {
    const card = render(diagnosis({ findings: [finding({ code: null, name: 'SomeError', httpStatus: null, transient })] }));
    const column = [...walk(card)].find(({ node }) => node['type'] === 'Column' && node['width'] === 'auto');
    assert.ok(column);
    const block = (column.node['items'] as unknown[])[0];
    assert.ok(isObject(block));
    return { text: block['text'], style: block['color'] };
  };
  const t = uiStrings('en').transient;
  const yes = badge(true);
  const no = badge(false);
  const unknown = badge(null);
  assert.equal(yes.text, t.yes);
  assert.equal(no.text, t.no);
  assert.equal(unknown.text, t.unknown);
  assert.equal(new Set([yes.style, no.style, unknown.style]).size, 3);
});

test('the SDK retry note shows for transient classes and not for caller-side errors', () => {
  const heading = uiStrings('en').diagnosis.sdkRetryHeading;
  assert.ok(cardText(render()).includes(heading));
  const clientSide = diagnosis({ findings: [finding({ code: 401002, name: 'IotHubUnauthorizedAccess', httpStatus: 401, transient: false })], verdict: { kind: 'client-config' } });
  assert.ok(!cardText(render(clientSide)).includes(heading));
  const throttled = diagnosis({ findings: [finding({ code: null, name: 'ThrottlingException', httpStatus: 429, transient: true, family: 'http-class' })] });
  assert.ok(cardText(render(throttled)).includes(heading));
});

test('the extracted context is a FactSet: hub, devices, modules, protocols, tracking ids, time span, counts', () => {
  const d = diagnosis({
    context: {
      hubHostNames: ['a.azure-devices.net'], hubNames: ['b-hub'], deviceIds: ['d1', 'd2'], moduleIds: ['m1'], protocols: ['AMQP'],
      trackingIds: ['t-1'], correlationIds: ['c-1'], timestamps: ['2026-01-06T10:00:00Z'], hubResourceIds: [],
    },
  });
  const facts = elementsOfType(render(d), 'FactSet').flatMap((f) => f['facts'] as { title: string; value: string }[]);
  const byTitle = new Map(facts.map((f) => [f.title, f.value]));
  const t = uiStrings('en').diagnosis.facts;
  assert.equal(byTitle.get(t.hub), 'a\\.azure\\-devices\\.net, b\\-hub');
  assert.equal(byTitle.get(t.devices), 'd1, d2');
  assert.equal(byTitle.get(t.modules), 'm1');
  assert.equal(byTitle.get(t.protocols), 'AMQP');
  assert.equal(byTitle.get(t.trackingIds), 't\\-1');
  assert.equal(byTitle.get(t.correlationIds), 'c\\-1');
  assert.equal(byTitle.get(t.timeSpan), '2026-01-06 10:00:00 UTC to 2026-01-06 10:05:00 UTC');
  assert.equal(byTitle.get(t.counts), '2 distinct errors, 5 occurrences');
});

test('other findings are listed with counts, capped, with "+N more"', () => {
  const many = diagnosis({ findings: Array.from({ length: 15 }, (_, i) => finding({ code: 500000 + i, name: `E${i}`, count: i + 1 })) });
  const card = render(many);
  const text = cardText(card);
  assert.ok(text.includes(uiStrings('en').diagnosis.otherFindingsHeading));
  for (let i = 1; i <= 10; i++) assert.ok(text.includes(`${500000 + i} E${i}`), `finding ${i}`);
  assert.ok(!text.includes('500011 E11'));
  assert.ok(text.includes('+4 more'));
  assert.ok(text.includes('×2'));
  // One finding: no "other findings" section.
  assert.ok(!cardText(render(diagnosis({ findings: [finding()] }))).includes(uiStrings('en').diagnosis.otherFindingsHeading));
});

test('the support block is monospace plain text with tracking id, UTC time, hub, code', () => {
  for (const locale of ['en', 'fr'] as const) {
    const card = render(diagnosis(), locale);
    const runs = elementsOfType(card, 'TextRun');
    assert.ok(runs.length >= 4);
    for (const run of runs) assert.equal(run['fontType'], 'Monospace');
    const block = runs.map((r) => String(r['text'])).join('\n');
    assert.ok(block.includes('b5d2f2c1a8e94d1c9d2b2f0e2a1c3d4e-G:10-TimeStamp:01/06/2026 10:00:00'), 'tracking id verbatim (no escapes)');
    assert.ok(block.includes('2026-01-06T10:00:00Z'));
    assert.ok(block.includes('contoso-prod.azure-devices.net'));
    assert.ok(block.includes('500001'));
  }
});

test('doc links are https OpenUrl actions for the code', () => {
  const urls = elementsOfType(render(), 'Action.OpenUrl').map((a) => String(a['url']));
  assert.ok(urls.length >= 1);
  for (const url of urls) assert.match(url, /^https:\/\/(learn\.microsoft\.com|aka\.ms)\//);
  assert.ok(urls.some((u) => u.startsWith('https://learn.microsoft.com/')));
  const devOffline = elementsOfType(render(diagnosis({ findings: [finding({ code: 404103, name: 'DeviceNotOnline', httpStatus: 404, transient: false })] })), 'Action.OpenUrl');
  assert.ok(devOffline.some((a) => a['url'] === 'https://aka.ms/iothub404103'));
});

test('pasted secrets: a rotate-it warning naming the kinds, never a value', () => {
  for (const locale of ['en', 'fr'] as const) {
    const d = diagnosis({ secrets: { count: 2, kinds: ['shared-access-key', 'sas-signature'] } });
    const card = render(d, locale);
    const t = uiStrings(locale).diagnosis;
    const warning = [...walk(card)].find(({ node }) => node['type'] === 'Container' && node['style'] === 'attention');
    assert.ok(warning, 'attention container');
    const text = cardText(warning.node);
    assert.ok(text.includes(t.secretsHeading));
    assert.ok(text.includes(t.secretKinds['shared-access-key']) && text.includes(t.secretKinds['sas-signature']));
    assert.ok(text.includes('2'));
  }
  assert.ok(!cardText(render()).includes(uiStrings('en').diagnosis.secretsHeading), 'no warning without secrets');
});

test('a truncated scan says so', () => {
  const t = uiStrings('en').diagnosis.truncated;
  assert.ok(cardText(render(diagnosis({ truncated: true }))).includes(t));
  assert.ok(!cardText(render()).includes(t));
});

test('not-IoT-Hub and class-only findings get their own explanations', () => {
  const dns = diagnosis({ findings: [finding({ code: null, name: 'getaddrinfo ENOTFOUND', httpStatus: null, transient: null, family: 'not-iothub', evidence: [{ kind: 'network', text: 'getaddrinfo ENOTFOUND x.azure-devices.net' }] })], verdict: { kind: 'not-iothub' } });
  assert.ok(cardText(render(dns)).includes('DNS'));
  const http503 = diagnosis({ findings: [finding({ code: null, name: null, httpStatus: 503, transient: true, family: 'http-class' })] });
  const text = cardText(render(http503));
  assert.ok(text.includes('HTTP 503'));
  assert.ok(!text.includes(uiStrings('en').diagnosis.genericTitle));
});

test('the actions slot renders only when actions are given, as an ActionSet with Action.Execute', () => {
  const without = render();
  assert.equal(elementsOfType(without, 'Action.Execute').length, 0);
  const button: CardAction[] = [{ type: 'Action.Execute', verb: 'failover.request', title: 'Request failover', data: { requestId: 'req-1' } }];
  const withButton = render(diagnosis(), 'en', button);
  assertWellFormedCard(withButton, 'with actions');
  const executes = [...walk(withButton)].filter(({ node }) => node['type'] === 'Action.Execute');
  assert.equal(executes.length, 1);
  assert.equal(executes[0]?.node['verb'], 'failover.request');
  assert.deepEqual(executes[0]?.node['data'], { requestId: 'req-1' });
  assert.ok(executes[0]?.ancestors.includes('ActionSet'));
});

test('a diagnosis without findings still renders a helpful headline', () => {
  const card = render(diagnosis({ findings: [], verdict: { kind: 'unknown' } }));
  assertWellFormedCard(card, 'no findings');
  assert.ok(cardText(card).includes(uiStrings('en').diagnosis.noFindingsTitle));
  assert.equal(elementsOfType(card, 'TextRun').length, 0, 'no support block without an error');
});

test('network failures named by the diagnosis map to the matching not-IoT-Hub explanation', () => {
  const kindOf = (name: string, evidence = '') =>
    notIotHubKind(finding({ code: null, name, httpStatus: null, family: 'not-iothub', evidence: evidence === '' ? [] : [{ kind: 'network', text: evidence }] }));
  assert.equal(kindOf('DnsResolutionFailed'), 'dns');
  assert.equal(kindOf('UnknownHostException'), 'dns');
  assert.equal(kindOf('x', 'getaddrinfo ENOTFOUND hub.azure-devices.net'), 'dns');
  assert.equal(kindOf('ConnectionRefused'), 'connection-refused');
  assert.equal(kindOf('ConnectionReset'), 'connection-reset');
  assert.equal(kindOf('SSLHandshakeException'), 'tls');
  assert.equal(kindOf('TlsExchangeAuthError'), 'tls');
  assert.equal(kindOf('NetworkTimeout'), 'timeout-client');
  assert.equal(kindOf('SocketTimeoutException'), 'timeout-client');
  assert.equal(kindOf('tls', ''), 'tls');
  assert.equal(kindOf('IotHubCommunicationException'), 'generic-network');
  const card = render(diagnosis({ findings: [finding({ code: null, name: 'ConnectionRefused', httpStatus: null, transient: null, family: 'not-iothub', evidence: [] })], verdict: { kind: 'not-iothub' } }), 'fr');
  assert.ok(cardText(card).includes(notIotHubText('fr', 'connection-refused').title));
});

test('more than 5 actions are laid out in several ActionSets (hosts show at most 5 per set)', () => {
  const actions: CardAction[] = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Execute', verb: 'card.refresh', title: `A${i}`, data: { requestId: `r${i}` } }));
  const card = render(diagnosis(), 'en', actions);
  assertWellFormedCard(card, 'seven actions');
  const sets = elementsOfType(card, 'ActionSet').filter((set) => (set['actions'] as { type: string }[]).some((a) => a.type === 'Action.Execute'));
  assert.deepEqual(sets.map((set) => (set['actions'] as unknown[]).length), [5, 2]);
});

test('a finding seen once is not shown "between" one second and the same second', () => {
  for (const locale of ['en', 'fr'] as const) {
    const between = uiStrings(locale).diagnosis.seenBetween.split(' ')[0] ?? '';
    const sameSecond = finding({ count: 1, firstSeen: '2025-03-14T09:12:44.000Z', lastSeen: '2025-03-14T09:12:44.201Z' });
    const sameText = cardText(render(diagnosis({ findings: [sameSecond] }), locale));
    assert.ok(!sameText.includes(`${between} `), `${locale}: no range for one moment`);
    const span = finding({ count: 2, firstSeen: '2025-03-14T09:12:44.000Z', lastSeen: '2025-03-14T09:12:45.000Z' });
    const spanText = cardText(render(diagnosis({ findings: [span] }), locale));
    assert.ok(spanText.includes(`${between} `), `${locale}: a real range is shown`);
  }
});

test('another service\'s error names the service and where to look instead, never a failover (issue 12)', () => {
  for (const locale of ['en', 'fr'] as const) {
    const eventHubs = diagnosis({
      findings: [finding({ code: null, name: 'ReceiverDisconnectedException', httpStatus: null, transient: false, family: 'http-class' })],
      verdict: { kind: 'not-iothub' },
      service: 'event-hubs',
    });
    const card = renderDiagnosisCard({ diagnosis: eventHubs, locale, demo: false, hub: { kind: 'none' }, advice: { kind: 'not-applicable', verdict: 'not-iothub' } });
    assertWellFormedCard(card, `event hubs ${locale}`);
    const text = cardText(card);
    const explained = serviceText(locale, 'event-hubs');
    assert.ok(text.includes(explained.title) && text.includes(explained.cause) && text.includes(serviceVerdict(locale, 'event-hubs')));
    for (const action of explained.actions) assert.ok(text.includes(action));
    const links = elementsOfType(card, 'Action.OpenUrl').map((a) => a['url']);
    assert.deepEqual(links, [serviceDocLink(locale, 'event-hubs').url]);
    assert.ok(!elementsOfType(card, 'Action.Execute').some((a) => String(a['verb']).startsWith('failover')), 'no failover action');
  }
});

test('the SDK a paste shows is named, with whether that version retries the error found', () => {
  const java = diagnosis({ sdk: { name: 'iot-device-client', version: '2.1.4', language: 'java' } });
  const en = cardText(render(java));
  assert.match(en, /SDK in the paste: iot\\-device\\-client 2\\\.1\\\.4\. This version does not retry an HTTP 500 by default/);
  assert.match(cardText(render(java, 'fr')), /Cette version ne réessaie pas par défaut un HTTP 500/);
  const unknown = diagnosis({ sdk: { name: 'azure-iot-sdk-c', version: '1.1.23', language: 'c' } });
  assert.match(cardText(render(unknown)), /Unknown: the table of checked facts does not say/);
  assert.ok(!cardText(render()).includes('SDK in the paste'), 'nothing when the paste shows no SDK');
});
