// Every kind of card the bot sends, built by the bot's own renderers from the same inputs the demo produces
// (the demo's hub in an outage, a healthy hub, Dana on call, Priya approving), so that the browser suite can
// show each one in the playground, measure it and check its first screen, whatever the flow that leads to it.
// Times are fixed: the pictures are the same from one run to the next.
import type { Locale } from '#src/core/locale.ts';
import type { FailoverAdvice } from '#src/diagnosis/advice.ts';
import { adviseFailover } from '#src/diagnosis/advice.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Hub, HubHealthResult, ServiceEvent } from '#src/diagnosis/hub.ts';
import type { Actor, AuditRecord, FailoverRequest, FailureCause } from '#src/failover/index.ts';
import { newProposal, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import {
  diagnosisCard,
  healthCard,
  renderHelpCard,
  renderHubChoiceCard,
  renderNothingRecognisedCard,
  renderPasteTooLongCard,
} from '#src/teams/cards/index.ts';
import type { AdaptiveCard, HubCardPart, RenderedHostCard } from '#src/teams/cards/index.ts';
import { renderFailoverAuditCard, renderFailoverCard, renderFailoverSection, renderFailoverStatusCard } from '#src/teams/failover/card/render.ts';
import type { FailoverViewContext, ViewerRole } from '#src/teams/failover/card/view.ts';
import { auditEntries, statusEntries } from '#src/teams/failover/card/visibility.ts';
import { errorText, notIotHubText } from '#src/i18n/errors/index.ts';
import { fill, plural, uiStrings } from '#src/i18n/index.ts';
import { templatePattern } from './failover.ts';
import { OUTAGE_HUB, OUTAGE_HUB_HOST, SERVER_ERROR_PASTE, UNAUTHORIZED_PASTE } from './pastes.ts';
import type { CardState } from './screenshots.ts';
import { APPROVER, INCIDENTS_CHANNEL, ON_CALL_ENGINEER } from './world.ts';

/** The moment every card of the gallery is rendered at. */
export const GALLERY_NOW = Date.parse('2026-07-12T21:40:00.000Z');
const MINUTE = 60_000;
export const at = (minutesAgo: number): string => new Date(GALLERY_NOW - minutesAgo * MINUTE).toISOString();

const HEALTHY_HUB = 'contoso-telemetry-eus';

/** A 500008 against the healthy hub: the error is real, the hub is fine. */
export const TIMEOUT_ON_HEALTHY_HUB_PASTE =
  `2026-07-12T21:38:02.114Z WARN Microsoft.Azure.Devices.Client.Exceptions.IotHubException: {"errorCode":500008,"message":"GenericTimeout",` +
  `"trackingId":"0b7e3f2a9c1d4e5f8a6b2c3d4e5f6a7b-G:7-TimeStamp:07/12/2026 21:38:02"} host=${HEALTHY_HUB}.azure-devices.net deviceId=meter-1187`;

/** A device that is not connected, and no hub named. */
export const DEVICE_OFFLINE_PASTE = 'Microsoft.Azure.Devices.Common.Exceptions.DeviceNotOnlineException: {"errorCode":404103,"message":"DeviceNotOnline"} deviceId=pump-17';

/** Not the hub's fault: the device cannot resolve the hub's name. */
export const DNS_PASTE = `Error: getaddrinfo ENOTFOUND ${OUTAGE_HUB_HOST} at GetAddrInfoReqWrap.onlookup (node:dns:107:26) errno: -3008 code: 'ENOTFOUND'`;

const DEMO_SUBSCRIPTION = '6a1d3b7e-2c4f-4e8a-9b1d-0c5e7f9a2b31';

export function demoHub(name: string, primary: string, secondary: string | null, overrides: Partial<Hub> = {}): Hub {
  return {
    id: `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-contoso-iot-prod/providers/Microsoft.Devices/IotHubs/${name}`,
    subscriptionId: DEMO_SUBSCRIPTION,
    resourceGroup: 'rg-contoso-iot-prod',
    name,
    hostName: `${name}.azure-devices.net`,
    location: primary.toLowerCase().replace(/\s/g, ''),
    locations: [{ location: primary, role: 'primary' }, ...(secondary === null ? [] : [{ location: secondary, role: 'secondary' as const }])],
    state: 'Active',
    provisioningState: 'Succeeded',
    drDisabled: false,
    skuName: 'S2',
    deviceCount: 48_000,
    ...overrides,
  };
}

export const OUTAGE: Hub = demoHub(OUTAGE_HUB, 'West Europe', 'North Europe');
export const HEALTHY: Hub = demoHub(HEALTHY_HUB, 'East US', 'West US');
const OTHER_HUBS: Hub[] = [demoHub('fabrikam-fleet-sea', 'Southeast Asia', null, { drDisabled: true }), demoHub('fabrikam-fleet-cus', 'Central US', 'East US 2')];

const INCIDENT: ServiceEvent = {
  trackingId: 'SIM1-IOT',
  title: 'Azure IoT Hub - West Europe - Investigating',
  summary: 'A subset of customers using IoT Hub in West Europe may see errors connecting devices, sending telemetry and calling service APIs.',
  eventType: 'ServiceIssue',
  status: 'Active',
  regions: ['West Europe'],
  impactStart: at(25),
  lastUpdate: at(5),
};

export function outageHealth(): HubHealthResult {
  return {
    ok: true,
    hub: OUTAGE,
    health: {
      availabilityState: 'Unavailable',
      title: 'Unavailable',
      summary: "We're sorry, your IoT hub is unavailable because of an Azure platform problem. We're working to restore it.",
      since: at(25),
      reasonType: 'Unplanned',
      reportedTime: at(1),
      recentlyResolved: null,
    },
    events: [INCIDENT],
    checkedAt: at(0),
  };
}

export function healthyHealth(): HubHealthResult {
  return {
    ok: true,
    hub: HEALTHY,
    health: {
      availabilityState: 'Available',
      title: 'Available',
      summary: "There aren't any known Azure platform problems affecting this IoT hub.",
      since: at(60 * 24 * 9),
      reasonType: '',
      reportedTime: at(1),
      recentlyResolved: null,
    },
    events: [],
    checkedAt: at(0),
  };
}

export const healthPart = (result: HubHealthResult): HubCardPart => ({ kind: 'health', result });

function adviceFor(paste: string, part: HubCardPart): FailoverAdvice {
  const verdict = diagnose(paste).verdict.kind;
  const health = part.kind === 'health' ? part.result : null;
  return adviseFailover({ verdict, health, eligibility: { possible: true } });
}

const dana: Actor = { id: ON_CALL_ENGINEER.id, name: ON_CALL_ENGINEER.name, aadObjectId: ON_CALL_ENGINEER.aadObjectId };
const priya: Actor = { id: APPROVER.id, name: APPROVER.name, aadObjectId: APPROVER.aadObjectId };
const CONVERSATION = `${INCIDENTS_CHANNEL.id};messageid=1783892400000`;

/** One request through the workflow itself, state by state. */
export function failoverRecords(locale: Locale): Record<string, FailoverRequest> {
  const step = (record: FailoverRequest, command: WorkflowCommand, minutesAgo: number): FailoverRequest => {
    const result = transition(record, command, { now: GALLERY_NOW - minutesAgo * MINUTE, approvers: [APPROVER.aadObjectId], ttlMinutes: 30, leaseMs: 60_000 });
    if (!result.ok) throw new Error(`gallery: ${command.type} from ${record.state} refused: ${result.refusal}`);
    return result.next;
  };
  const justification: Record<Locale, string> = {
    en: 'Hub Unavailable for 25 min, devices in West Europe cannot connect, incident SIM1-IOT',
    fr: 'Hub indisponible depuis 25 min, les appareils en Europe de l’Ouest ne se connectent plus, incident SIM1-IOT',
  };
  const reason: Record<Locale, string> = { en: 'Microsoft expects mitigation within 15 minutes', fr: 'Microsoft annonce un rétablissement d’ici 15 minutes' };
  const propose = (minutesAgo: number): FailoverRequest =>
    newProposal({
      id: 'REQ01J2GALLERY0000001',
      revision: 'rev-1',
      hub: OUTAGE,
      kind: 'failover',
      conversation: { id: CONVERSATION, reference: null },
      locale,
      proposedBy: dana,
      availabilityState: 'Unavailable',
      healthCheckedAt: at(minutesAgo),
      now: GALLERY_NOW - minutesAgo * MINUTE,
      ttlMinutes: 30,
    });
  const proposed = propose(20);
  const requested = step(proposed, { type: 'request', actor: dana, justification: justification[locale] }, 18);
  // Requested 43 minutes ago, so that its 30 minutes ran out 13 minutes ago.
  const unanswered = step(propose(45), { type: 'request', actor: dana, justification: justification[locale] }, 43);
  const approved = step(requested, { type: 'approve', actor: priya }, 16);
  const started = step(approved, { type: 'start', runnerId: 'runner-1' }, 16);
  const progress = (status: 'running' | 'succeeded' | 'failed', n: number) => ({
    status,
    resumeToken: `token-${n}`,
    armRequestId: '5f0c3b1e-8a2d-4c6f-9e7b-1a2b3c4d5e6f',
    operationId: 'c2a1e7d4-0b9f-4a3e-8d6c-5b4a3f2e1d0c-1783891440000',
    errorMessage: status === 'failed' ? 'The manual failover could not be completed: the secondary region is at capacity. The hub stays in its current region.' : null,
  });
  const running = step(started, { type: 'progress', runnerId: 'runner-1', progress: progress('running', 1) }, 12);
  const failedCause: FailureCause = { kind: 'operation-failed', message: progress('failed', 2).errorMessage };
  return {
    proposed,
    requested,
    running,
    succeeded: step(running, { type: 'succeed', runnerId: 'runner-1', progress: progress('succeeded', 2), detail: null }, 2),
    failed: step(running, { type: 'fail', runnerId: 'runner-1', progress: progress('failed', 2), cause: failedCause }, 2),
    rejected: step(requested, { type: 'reject', actor: priya, reason: reason[locale] }, 15),
    expired: step(unanswered, { type: 'expire' }, 13),
    cancelled: step(requested, { type: 'cancel', actor: dana }, 15),
  };
}

/** The failback the bot proposes on the card once the hour after a succeeded failover is over. */
function failbackProposal(locale: Locale): FailoverRequest {
  return newProposal({
    id: 'REQ01J2GALLERY0000002',
    revision: 'rev-1',
    hub: demoHub(OUTAGE_HUB, 'North Europe', 'West Europe'),
    kind: 'failback',
    conversation: { id: CONVERSATION, reference: null },
    locale,
    proposedBy: dana,
    availabilityState: null,
    healthCheckedAt: null,
    now: GALLERY_NOW,
    ttlMinutes: 30,
  });
}

export function viewContext(locale: Locale, role: ViewerRole, extra: Partial<FailoverViewContext> = {}): FailoverViewContext {
  return { locale, now: GALLERY_NOW, role, approversConfigured: true, ...extra };
}

/** The outage diagnosis as the bot posts it: the proposal in its failover slot. */
export function outageDiagnosis(locale: Locale): RenderedHostCard {
  const part = healthPart(outageHealth());
  const records = failoverRecords(locale);
  return diagnosisCard({
    diagnosis: diagnose(SERVER_ERROR_PASTE),
    locale,
    demo: true,
    hub: part,
    advice: adviceFor(SERVER_ERROR_PASTE, part),
    failover: renderFailoverSection(records['proposed'] as FailoverRequest, viewContext(locale, 'everyone'), true),
  });
}

/** A card of the gallery and what its first screen must show (docs/design.md, "Cards: the decision first"). */
export interface GalleryCase {
  /** The picture's name: docs/cards/<name>.<locale>.png, and <name>.expanded.<locale>.png. */
  name: CardState;
  card: AdaptiveCard;
  /** Its height as first shown, at the playground's card width, at most (CSS pixels). */
  budgetPx: number;
  /** Shown on the first screen, in this order from the top (a text, or a pattern for text with a time in it). */
  firstScreen: (string | RegExp)[];
  /** The button that does the one thing to do, shown on the first screen; null when the card asks for nothing. */
  primaryAction: string | null;
  /** A label on the card and a text it keeps out of sight until it is clicked; null when nothing is kept. */
  reveals: { label: string; text: string | RegExp } | null;
}

/** The budgets of docs/design.md: a diagnosis on a hub in an outage, and every other card. */
export const OUTAGE_DIAGNOSIS_BUDGET_PX = 900;
export const CARD_BUDGET_PX = 700;

function explanation(locale: Locale, code: number) {
  const text = errorText(locale, code);
  if (text === undefined) throw new Error(`gallery: no explanation of ${code}`);
  return text;
}

/** Every card kind, as the bot renders it, with what its first screen must show. */
export function galleryCases(locale: Locale): GalleryCase[] {
  const ui = uiStrings(locale);
  const t = ui.failover;
  const records = failoverRecords(locale);
  const host = outageDiagnosis(locale);
  const record = (name: string): FailoverRequest => {
    const found = records[name];
    if (found === undefined) throw new Error(`gallery: no ${name} record`);
    return found;
  };
  const onHost = (name: string, role: ViewerRole, extra: Partial<FailoverViewContext> = {}): AdaptiveCard =>
    renderFailoverCard(record(name), viewContext(locale, role, extra), { demo: true, host: host.model, refreshUserIds: [APPROVER.id] });
  const healthy = healthPart(healthyHealth());
  const outage = healthPart(outageHealth());
  const diagnosisOf = (paste: string, part: HubCardPart): AdaptiveCard =>
    diagnosisCard({ diagnosis: diagnose(paste), locale, demo: true, hub: part, advice: adviceFor(paste, part) }).card;
  const names = { hub: OUTAGE.name, source: 'West Europe', target: 'North Europe' };
  const heading = (state: keyof typeof t.headings, kind: 'failover' | 'failback' = 'failover'): string =>
    fill(t.headings[state][kind], kind === 'failover' ? names : { ...names, target: names.source });
  const outageHeadline = fill(ui.health.statusHeadline, { hub: OUTAGE.name, state: ui.health.states.Unavailable });
  const justification = record('requested').justification ?? '';
  const auditRecord = (kind: AuditRecord['kind'], minutesAgo: number, actor: Actor | null, extra: Partial<AuditRecord> = {}): AuditRecord => ({
    id: `audit-${kind}-${minutesAgo}`,
    at: at(minutesAgo),
    kind,
    hubId: OUTAGE.id,
    hubName: OUTAGE.name,
    failoverKind: 'failover',
    actor: actor === null ? null : { name: actor.name, aadObjectId: actor.aadObjectId },
    requestId: record('succeeded').id,
    conversationId: CONVERSATION,
    justification: null,
    reason: null,
    failoverRegion: 'North Europe',
    armRequestId: null,
    operationId: null,
    detail: null,
    ...extra,
  });
  const afterStep = t.after.steps['devices-reconnect'];

  return [
    {
      name: 'diagnosis',
      card: host.card,
      budgetPx: OUTAGE_DIAGNOSIS_BUDGET_PX,
      firstScreen: [outageHeadline, '500001 ServerError', ui.verdict['transient-service'], fill(ui.advice.next.request, { secondary: 'North Europe' }), heading('proposed')],
      primaryAction: t.buttons.request.failover,
      reveals: { label: ui.diagnosis.stepsLabel, text: explanation(locale, 500001).actions[0] ?? '' },
    },
    {
      name: 'diagnosis-healthy-hub',
      card: diagnosisOf(TIMEOUT_ON_HEALTHY_HUB_PASTE, healthy),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: ['500008 GenericTimeout', ui.verdict['transient-service'], fill(ui.health.statusLine, { hub: HEALTHY.name, state: ui.health.states.Available }), ui.advice.next['retry-hub-healthy']],
      primaryAction: null,
      reveals: { label: ui.advice.label, text: ui.advice['retry-hub-healthy'] },
    },
    {
      name: 'diagnosis-caller-side',
      card: diagnosisOf(UNAUTHORIZED_PASTE, outage),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [outageHeadline, '401002 IotHubUnauthorizedAccess', ui.verdict['client-config'], explanation(locale, 401002).actions[0] ?? ''],
      primaryAction: null,
      reveals: { label: ui.diagnosis.supportLabel, text: ui.diagnosis.supportHeading },
    },
    {
      name: 'diagnosis-device-offline',
      card: diagnosisOf(DEVICE_OFFLINE_PASTE, { kind: 'none' }),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: ['404103 DeviceNotOnline', ui.verdict['device-offline'], ui.health.noHub, explanation(locale, 404103).actions[0] ?? ''],
      primaryAction: null,
      reveals: { label: ui.diagnosis.contextHeading, text: 'pump-17' },
    },
    {
      name: 'diagnosis-not-iothub',
      card: diagnosisOf(DNS_PASTE, outage),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [outageHeadline, 'DnsResolutionFailed', ui.verdict['not-iothub'], notIotHubText(locale, 'dns').actions[0] ?? ''],
      primaryAction: null,
      reveals: { label: ui.advice.label, text: ui.advice.notApplicableByVerdict['not-iothub'] },
    },
    {
      name: 'health',
      card: healthCard({
        locale,
        demo: true,
        hub: outage,
        advice: adviseFailover({ verdict: 'transient-service', health: outageHealth(), eligibility: { possible: true } }),
        failover: renderFailoverSection(record('proposed'), viewContext(locale, 'everyone'), true),
      }).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [outageHeadline, fill(ui.advice.next.request, { secondary: 'North Europe' }), heading('proposed')],
      primaryAction: t.buttons.request.failover,
      reveals: { label: ui.health.detailsLabel, text: ui.health.facts.secondary },
    },
    {
      name: 'health-available',
      card: healthCard({ locale, demo: true, hub: healthy, advice: null }).card,
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [fill(ui.health.statusHeadline, { hub: HEALTHY.name, state: ui.health.states.Available })],
      primaryAction: null,
      reveals: { label: ui.health.detailsLabel, text: 'West US' },
    },
    {
      name: 'help',
      card: renderHelpCard(locale, true),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [ui.help.intro, ui.help.pasteHeading, ui.help.commandsHeading],
      primaryAction: null,
      reveals: { label: ui.help.privacyHeading, text: ui.help.privacy },
    },
    {
      name: 'hub-choice',
      card: renderHubChoiceCard([OUTAGE, HEALTHY, ...OTHER_HUBS], locale, true),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [ui.choice.title, ui.choice.text],
      primaryAction: OUTAGE.name,
      reveals: null,
    },
    {
      name: 'nothing-recognised',
      card: renderNothingRecognisedCard(locale, true, 42),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [ui.nothing.title, plural(locale, 42, ui.nothing.read), ui.nothing.how],
      primaryAction: null,
      reveals: null,
    },
    {
      name: 'paste-too-long',
      card: renderPasteTooLongCard({ locale, demo: true, reason: 'over-budget', budgetMs: 2000 }),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [ui.tooLong.title, plural(locale, 2, ui.tooLong.overBudget), ui.tooLong.how[0] ?? ''],
      primaryAction: null,
      reveals: null,
    },
    {
      name: 'awaiting-approval',
      card: onHost('requested', 'requester'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('requested'), justification, t.hints.requesterOwn, '500001 ServerError'],
      primaryAction: t.buttons.cancel,
      reveals: { label: t.toggles.details, text: t.facts.requestedAt },
    },
    {
      name: 'approver-view',
      card: onHost('requested', 'approver'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('requested'), justification, t.hints.approver, '500001 ServerError'],
      primaryAction: t.buttons.approve.failover,
      reveals: { label: t.buttons.rejectOpen, text: t.rejectReason.label },
    },
    {
      name: 'running',
      card: onHost('running', 'everyone'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('running'), fill(t.stateLines.running, { approver: APPROVER.name }), t.facts.elapsed, '500001 ServerError'],
      primaryAction: t.buttons.refresh,
      reveals: { label: t.after.heading, text: afterStep },
    },
    {
      name: 'succeeded',
      card: onHost('succeeded', 'everyone', { failback: { kind: 'proposed', record: failbackProposal(locale) } }),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('succeeded'), t.stateLines.succeeded, heading('proposed', 'failback'), '500001 ServerError'],
      primaryAction: t.buttons.request.failback,
      reveals: { label: t.toggles.after, text: afterStep },
    },
    {
      name: 'failed',
      card: onHost('failed', 'everyone'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('failed'), t.stateLines.failed, templatePattern(t.failures.operation, {}), '500001 ServerError'],
      primaryAction: null,
      reveals: { label: t.toggles.details, text: t.facts.approvedBy },
    },
    {
      name: 'rejected',
      card: onHost('rejected', 'everyone'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('rejected'), fill(t.stateLines.rejected, { rejecter: APPROVER.name }), record('rejected').rejectReason ?? '', '500001 ServerError'],
      primaryAction: null,
      reveals: { label: t.toggles.details, text: justification },
    },
    {
      name: 'expired',
      card: onHost('expired', 'everyone'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('expired'), t.stateLines.expired, templatePattern(t.expiredLines.requested, {}), '500001 ServerError'],
      primaryAction: null,
      reveals: { label: t.toggles.details, text: justification },
    },
    {
      name: 'cancelled',
      card: onHost('cancelled', 'everyone'),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [heading('cancelled'), fill(t.stateLines.cancelled, { canceller: ON_CALL_ENGINEER.name }), '500001 ServerError'],
      primaryAction: null,
      reveals: { label: t.toggles.details, text: t.facts.finishedAt },
    },
    {
      name: 'status',
      card: renderFailoverStatusCard(statusEntries([record('requested'), record('running')], CONVERSATION), { locale, demo: true, now: GALLERY_NOW }),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [t.status.title, templatePattern(t.status.item, { state: t.status.states.requested }), templatePattern(t.status.item, { state: t.status.states.running })],
      primaryAction: null,
      reveals: { label: t.toggles.details, text: justification },
    },
    {
      name: 'audit',
      card: renderFailoverAuditCard(
        auditEntries(
          [
            auditRecord('succeeded', 2, null, { operationId: 'c2a1e7d4-0b9f-4a3e-8d6c-5b4a3f2e1d0c' }),
            auditRecord('started', 16, null),
            auditRecord('approved', 16, priya),
            auditRecord('requested', 18, dana, { justification }),
          ],
          CONVERSATION,
        ),
        { locale, demo: true, hub: OUTAGE.name },
      ),
      budgetPx: CARD_BUDGET_PX,
      firstScreen: [t.audit.title, fill(t.audit.scopeHub, { hub: OUTAGE.name })],
      primaryAction: null,
      reveals: null,
    },
  ];
}
