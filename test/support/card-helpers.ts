// Shared by the card tests: fixtures, the Adaptive Cards parser check, and walkers over card JSON.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { Hub, HubHealthResult, ResourceHealth } from '#src/diagnosis/hub.ts';
import type { Diagnosis, Finding } from '#src/diagnosis/types.ts';

/** The id the card templates give the failover slot (cards/parts/failover-slot.json). */
export const FAILOVER_SLOT_ID = 'failover-slot';

// The ESM entry of adaptivecards does not load in Node (extensionless imports); the UMD bundle does.
const require = createRequire(import.meta.url);

interface ParseEvent { message: string }
interface SerializationContext { eventCount: number; getEventAt(index: number): ParseEvent }
interface ParsedCard {
  parse(json: unknown, context: SerializationContext): void;
  validateProperties(): { validationEvents: ParseEvent[] };
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => ParsedCard;
  SerializationContext: new () => SerializationContext;
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** Problems the Adaptive Cards 3.0.6 parser and validator report for a card (empty = valid). */
export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the card, with the chain of its ancestors' types. */
export function* walk(node: unknown, ancestors: string[] = []): Generator<{ node: JsonObject; ancestors: string[] }> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item, ancestors);
    return;
  }
  if (!isObject(node)) return;
  yield { node, ancestors };
  const type = typeof node['type'] === 'string' ? node['type'] : '';
  for (const value of Object.values(node)) yield* walk(value, [...ancestors, type]);
}

export function elementsOfType(card: unknown, type: string): JsonObject[] {
  return [...walk(card)].filter((e) => e.node['type'] === type).map((e) => e.node);
}

/** Texts shown through markdown: TextBlock text and Fact title/value. */
export function markdownTexts(card: unknown): string[] {
  const texts: string[] = [];
  for (const { node } of walk(card)) {
    if (node['type'] === 'TextBlock' && typeof node['text'] === 'string') texts.push(node['text']);
    if (node['type'] === undefined && typeof node['title'] === 'string' && typeof node['value'] === 'string') {
      texts.push(node['title'], node['value']);
    }
  }
  return texts;
}

/** All text a reader sees (markdown texts, TextRuns, action titles). */
export function allTexts(card: unknown): string[] {
  const texts = markdownTexts(card);
  for (const { node } of walk(card)) {
    if (node['type'] === 'TextRun' && typeof node['text'] === 'string') texts.push(node['text']);
    if (typeof node['type'] === 'string' && node['type'].startsWith('Action.') && typeof node['title'] === 'string') texts.push(node['title']);
  }
  return texts;
}

export function cardText(card: unknown): string {
  return allTexts(card).join('\n');
}

export function byteLength(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

const ELEMENTS_1_5 = new Set([
  'AdaptiveCard', 'TextBlock', 'RichTextBlock', 'TextRun', 'Image', 'ImageSet', 'Media', 'Container', 'ColumnSet', 'Column',
  'FactSet', 'ActionSet', 'Table', 'TableRow', 'TableCell', 'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time',
  'Input.Toggle', 'Input.ChoiceSet', 'Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility',
]);

/** The structural rules every card of the bot follows, on top of what the parser checks. */
export function assertWellFormedCard(card: unknown, label: string): void {
  assert.ok(isObject(card), `${label}: a card object`);
  assert.equal(card['type'], 'AdaptiveCard', label);
  assert.equal(card['version'], '1.5', `${label}: version 1.5`);
  assert.deepEqual(cardProblems(card), [], `${label}: parser/validator problems`);
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `${label}: leftover template expression in ${json.slice(Math.max(0, json.indexOf('${') - 80), json.indexOf('${') + 80)}`);
  assert.ok(!json.includes('$when') && !json.includes('$data') && !json.includes('$partial') && !json.includes('$comment'), `${label}: template keys left`);
  for (const { node, ancestors } of walk(card)) {
    const type = node['type'];
    if (typeof type === 'string' && /^[A-Z]/.test(type)) assert.ok(ELEMENTS_1_5.has(type), `${label}: element ${type} is not Adaptive Cards 1.5`);
    if (type === 'TextBlock') {
      assert.equal(node['wrap'], true, `${label}: TextBlock without wrap: ${JSON.stringify(node)}`);
      assert.ok(typeof node['text'] === 'string' && node['text'].trim() !== '', `${label}: empty TextBlock`);
    }
    if (type === 'Action.Execute') assert.ok(ancestors.includes('ActionSet'), `${label}: Action.Execute outside an ActionSet`);
  }
  const topActions = card['actions'];
  if (Array.isArray(topActions)) for (const action of topActions) assert.ok(isObject(action) && action['type'] !== 'Action.Execute', `${label}: top-level Action.Execute`);
}

// ---------------------------------------------------------------------------------------- fixtures

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: 500001,
    name: 'ServerError',
    httpStatus: 500,
    transient: true,
    count: 3,
    family: 'iothub-code',
    evidence: [{ kind: 'code', text: '"errorCode":500001' }],
    firstSeen: '2026-01-06T10:00:00Z',
    lastSeen: '2026-01-06T10:05:00Z',
    ...overrides,
  };
}

export function diagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    findings: [finding(), finding({ code: 404103, name: 'DeviceNotOnline', httpStatus: 404, transient: false, count: 2, evidence: [], firstSeen: null, lastSeen: null })],
    context: {
      hubHostNames: ['contoso-prod.azure-devices.net'],
      deviceIds: ['sensor-001'],
      moduleIds: [],
      trackingIds: ['b5d2f2c1a8e94d1c9d2b2f0e2a1c3d4e-G:10-TimeStamp:01/06/2026 10:00:00'],
      timestamps: ['2026-01-06T10:00:00Z', '2026-01-06T10:05:00Z'],
      protocols: ['MQTT'],
      hubNames: [],
      hubResourceIds: [],
      correlationIds: [],
    },
    secrets: { count: 0, kinds: [] },
    verdict: { kind: 'transient-service' },
    service: null,
    sdk: null,
    timeSpan: { from: '2026-01-06T10:00:00Z', to: '2026-01-06T10:05:00Z' },
    inputChars: 1234,
    truncated: false,
    ...overrides,
  };
}

export function hub(overrides: Partial<Hub> = {}): Hub {
  return {
    id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/contoso-prod',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'rg-iot',
    name: 'contoso-prod',
    hostName: 'contoso-prod.azure-devices.net',
    location: 'westeurope',
    locations: [{ location: 'West Europe', role: 'primary' }, { location: 'North Europe', role: 'secondary' }],
    state: 'Active',
    provisioningState: 'Succeeded',
    drDisabled: false,
    skuName: 'S1',
    deviceCount: 1200,
    ...overrides,
  };
}

export function resourceHealth(overrides: Partial<ResourceHealth> = {}): ResourceHealth {
  return {
    availabilityState: 'Available',
    title: 'Available',
    summary: 'There are no known Azure platform problems affecting this IoT hub.',
    since: '2026-01-05T08:00:00Z',
    reasonType: '',
    reportedTime: '2026-01-06T10:06:00Z',
    recentlyResolved: null,
    ...overrides,
  };
}

export function healthOk(overrides: { hub?: Partial<Hub>; health?: Partial<ResourceHealth>; events?: Extract<HubHealthResult, { ok: true }>['events'] } = {}): HubHealthResult {
  return { ok: true, hub: hub(overrides.hub), health: resourceHealth(overrides.health), events: overrides.events ?? [], checkedAt: '2026-01-06T10:06:30Z' };
}
