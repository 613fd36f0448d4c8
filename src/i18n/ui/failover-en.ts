// English strings of the failover cards, commands and thread messages (the `failover` key of the UI table).
// `{name}` placeholders are filled by fill(); untrusted values are escaped before they are filled in.
import type { IneligibilityReason } from '../../diagnosis/advice.ts';
import type { AfterStep, AuditKind, FailoverState, RefusalReason } from '../../failover/index.ts';
import type { PluralForms } from './format.ts';

const count = (one: string, other: string): PluralForms => ({ one, other });

/** A text per kind of request: a failback is a failover back to the original region. */
interface ByKind {
  failover: string;
  failback: string;
}

/** Refusals the bot adds to the workflow's own: a card it cannot read, a store it cannot write. */
export type CardRefusal = RefusalReason | 'unknown-action' | 'store-unavailable' | 'failback-not-yet' | 'failback-unavailable';

export const failoverEn = {
  fallbackText: {
    failover: 'IoT Hub failover request',
    failback: 'IoT Hub failback request',
  } satisfies ByKind,
  cardTitle: 'IoT Hub failover',
  headings: {
    proposed: { failover: 'Failover of {hub} to {target}', failback: 'Failback of {hub} to {target}' },
    requested: { failover: 'Failover of {hub} to {target}: waiting for approval', failback: 'Failback of {hub} to {target}: waiting for approval' },
    approved: { failover: 'Failover of {hub} to {target}: approved, starting', failback: 'Failback of {hub} to {target}: approved, starting' },
    running: { failover: 'Failover of {hub} to {target}: running', failback: 'Failback of {hub} to {target}: running' },
    succeeded: { failover: 'Failover of {hub} succeeded: it now runs in {target}', failback: 'Failback of {hub} succeeded: it runs in {target} again' },
    failed: { failover: 'Failover of {hub} to {target}: failed', failback: 'Failback of {hub} to {target}: failed' },
    rejected: { failover: 'Failover of {hub} to {target}: rejected', failback: 'Failback of {hub} to {target}: rejected' },
    expired: { failover: 'Failover of {hub} to {target}: expired', failback: 'Failback of {hub} to {target}: expired' },
    cancelled: { failover: 'Failover of {hub} to {target}: cancelled', failback: 'Failback of {hub} to {target}: cancelled' },
  } satisfies Record<FailoverState, ByKind>,
  stateLines: {
    proposed: 'Anyone here may request it, with a justification. An approver must then approve it before anything runs.',
    requested: 'Requested by {requester}; another engineer, an approver, must approve it before {expiresAt}.',
    approved: 'Approved by {approver}. The bot checks the hub once more, then asks Azure to fail it over.',
    running: 'Approved by {approver}. Azure is failing the hub over: devices are disconnected until it finishes. This card follows its progress.',
    succeeded: 'Next: the steps under "What to do now".',
    failed: 'The failover did not complete.',
    rejected: 'Rejected by {rejecter}. Nothing was changed.',
    expired: 'Nobody acted on it in time. Nothing was changed.',
    cancelled: 'Cancelled by {canceller}. Nothing was changed.',
  } satisfies Record<FailoverState, string>,
  expiredLines: {
    proposed: 'The proposal was not requested before {expiresAt}.',
    requested: 'The request was not approved before {expiresAt}.',
  },
  facts: {
    from: 'From',
    to: 'To',
    expectedDuration: 'Expected duration',
    proposalExpires: 'Proposal valid until',
    requestedBy: 'Requested by',
    justification: 'Justification',
    requestedAt: 'Requested at',
    expiresAt: 'Approve before',
    approvedBy: 'Approved by',
    approvedAt: 'Approved at',
    startedAt: 'Started at',
    elapsed: 'Running for',
    polls: 'Status checks',
    lastUpdate: 'Last update',
    operationId: 'ARM operation id',
    armRequestId: 'ARM request id',
    duration: 'Duration',
    newPrimary: 'New primary location',
    finishedAt: 'Finished at',
    rejectedBy: 'Rejected by',
    reason: 'Reason',
    cancelledBy: 'Cancelled by',
    failure: 'What happened',
  },
  notYet: 'not yet known',
  durationEstimate: 'about {estimate} minutes for {devices} devices (from 10 minutes to 2 hours)',
  durationRange: 'from 10 minutes to 2 hours (about 15 minutes per 100,000 devices)',
  /** The expected duration on the first screen; the fact in full is in the request's details. */
  durationShort: 'about {estimate} minutes',
  durationRangeShort: '10 minutes to 2 hours',
  elapsedMinutes: '{m} min {s} s',
  elapsedHours: '{h} h {m} min',
  lost: {
    heading: 'What is lost',
    lines: [
      'All device-to-cloud messages not yet read by a back end, and unread cloud-to-device feedback.',
      'Up to about 5 minutes of identity registry, device twin, cloud-to-device message and job changes.',
      'Cloud-to-device messages and parent jobs are not recovered. Requests in flight during the failover are lost: clients must retry.',
    ],
  },
  after: {
    heading: 'What to do after',
    steps: {
      'update-builtin-endpoint-consumers':
        'Back ends that read the built-in Event Hub-compatible endpoint (Azure Functions, Stream Analytics, custom readers) must fetch its new name and endpoint, then restart: their offsets are no longer valid.',
      'devices-reconnect': 'Devices are disconnected and reconnect on their own; some may need to be re-provisioned through DPS.',
      'dns-propagation': 'The host name stays the same but its IP address changes: DNS propagation and cached IP addresses add to the downtime.',
      'retry-lost-requests': 'Requests that were in flight during the failover are likely lost: retry them.',
      'failback-after-cooldown': 'Failing back to the original region is another failover: it is possible once an hour has passed, with the same approval.',
    } satisfies Record<AfterStep, string>,
  },
  limits: 'Azure allows two failovers and two failbacks per hub per day, at least one hour apart.',
  justification: {
    label: 'Why fail over now? (required, seen in this conversation and kept in the audit trail; keys are removed)',
    placeholder: 'e.g. Resource Health Unavailable for 20 min, devices cannot connect, incident SIM1-IOT',
    error: 'Write a justification before requesting the failover.',
  },
  rejectReason: {
    label: 'Reason to reject (required to reject; keys are removed)',
    placeholder: 'e.g. Microsoft expects mitigation within minutes',
    error: 'Write a reason before rejecting the request.',
  },
  /** The labels of what a failover section keeps one click away. */
  toggles: {
    details: 'Request details',
    effects: { failover: 'What a failover does', failback: 'What a failback does' } satisfies ByKind,
    after: 'What to do now',
  },
  buttons: {
    /** Opens the justification under the button (Action.ShowCard); `send` then requests it. */
    request: { failover: 'Request failover', failback: 'Request failback' } satisfies ByKind,
    send: 'Send the request',
    approve: { failover: 'Approve failover', failback: 'Approve failback' } satisfies ByKind,
    /** Opens the reason under the button; `reject` then rejects. */
    rejectOpen: 'Reject…',
    reject: 'Reject',
    cancel: 'Cancel request',
    refresh: 'Refresh',
    checkFailback: 'Check failback',
  },
  refreshTitle: 'Refresh the failover card',
  /** Demo mode only (Azure simulated, FAILOVER_APPROVERS empty): an approver of the demo world approves by itself. */
  demoApproval: {
    proposed:
      'Demo: once you request it, {approver} (demo approver) approves it a few seconds later, then the failover runs on the simulated hub. In production, an approver listed in FAILOVER_APPROVERS approves it from this card.',
    requested: '{approver} (demo approver) approves in a few seconds. In production, an approver listed in FAILOVER_APPROVERS approves it from this card.',
    approved: '{approver} approved as the demo approver. In production, only an approver listed in FAILOVER_APPROVERS can approve, from this card.',
  },
  hints: {
    everyoneRequested: 'Approvers: if the Approve and Reject buttons do not appear, select Refresh.',
    requesterOwn: 'You requested it: another on-call engineer listed as an approver must approve it. You may cancel it.',
    approverOwn: 'You requested it yourself: another approver must approve it.',
    approver: 'You are an approver. Approving starts the failover at once.',
    noApprovers: 'No approver is configured on this bot (FAILOVER_APPROVERS): nobody can approve this request.',
    running: 'The card is updated after every status check.',
    failbackAt: 'A failback to {source} can be requested from {at} (one hour after the failover), with the same approval.',
    failbackNow: 'A failback to {source} is possible now: select Check failback to prepare it.',
  },
  failures: {
    arm: 'Azure refused the failover request: {message}',
    operation: 'The failover ran and failed: {message}',
    operationNoMessage: 'The failover ran and failed; Azure gave no detail.',
    unknownPost: 'Azure did not answer the failover request, so the bot cannot tell whether it started. Check the hub in the Azure portal before trying again.',
    unknownPolling: 'The bot stopped following the failover after its maximum duration. Check the hub in the Azure portal.',
    unknownHub: 'The hub reports a failed state. Check it in the Azure portal.',
    refused: 'The bot did not start it: something the approval relied on no longer held.',
    stays: 'The hub stays in {source}.',
    checks: {
      'approval-expired': 'the approval was given more than the approval time ago',
      'hub-unreachable': 'the hub could not be read again',
      'hub-changed': 'the hub is no longer in the same regions',
      'hub-recovered': 'Resource Health reports the hub as Available again',
      ineligible: 'the hub cannot fail over now: {reasons}',
      'failover-running': 'another failover of this hub is running',
    },
  },
  notices: {
    requested: 'Request sent. An approver must approve it.',
    approved: 'Approved: the failover is starting. This card shows its progress to everyone.',
    rejected: 'Rejected: nothing will run.',
    cancelled: 'Cancelled: nothing will run.',
  },
  refusals: {
    'already-requested': 'This failover has already been requested.',
    'already-approved': 'This failover has already been approved: it is starting.',
    'already-running': 'This failover is already running.',
    'already-succeeded': 'This failover has already finished: it succeeded.',
    'already-failed': 'This failover has already finished: it failed.',
    'already-rejected': 'This request has already been rejected.',
    'already-expired': 'This request has expired: nothing was changed.',
    'already-cancelled': 'This request has been cancelled.',
    'not-found':
      'This failover proposal no longer exists: proposals are deleted a day after they expire (or this card belongs to another conversation). Nothing was changed; paste the error again for a current diagnosis.',
    'justification-required': 'Write a justification before requesting the failover.',
    'justification-only-secret':
      'Your justification held only a key, which was removed: nothing was saved. Say in words why the failover is needed, and rotate the key: it was typed into Teams.',
    'justification-too-long': 'The justification is too long (1000 characters at most).',
    'reason-required': 'Write a reason before rejecting the request.',
    'reason-only-secret': 'Your reason held only a key, which was removed: nothing was saved. Say in words why you reject the request, and rotate the key: it was typed into Teams.',
    'reason-too-long': 'The reason is too long (1000 characters at most).',
    'no-approvers-configured': 'No approver is configured on this bot (FAILOVER_APPROVERS): nobody can approve or reject.',
    'not-an-approver': 'Only the approvers configured on this bot (FAILOVER_APPROVERS) can approve or reject a failover.',
    'self-approval': 'You requested this failover: another approver must approve it.',
    'not-allowed-to-cancel': 'Only the requester or an approver can cancel this request.',
    expired: 'This request has expired: nothing was changed.',
    'not-due': 'This request has not expired.',
    'not-requested': 'Nobody has requested this failover yet: request it first, with a justification.',
    'not-approved': 'This failover has not been approved.',
    'not-running': 'This failover is not running.',
    'not-owner': 'This failover is run by another instance of the bot.',
    'lease-held': 'This failover is run by another instance of the bot.',
    'invalid-progress': 'The failover reported an inconsistent state.',
    ineligible: 'The hub cannot fail over now: {reasons}. Nothing was changed.',
    'unknown-action': 'This button is not one the bot knows. Nothing was changed.',
    'store-unavailable': "The bot could not save this: its state store is not available right now. Nothing was changed; try again in a moment.",
    'failback-not-yet': 'A failback is possible from {at}, one hour after the failover.',
    'failback-unavailable': 'A failback cannot be prepared now: {reasons}.',
  } satisfies Record<CardRefusal, string>,
  secretsRemoved: {
    justification: count(
      'A key was removed from the justification before it was saved ({kinds}): rotate it, it was typed into Teams.',
      'Keys were removed from the justification before it was saved ({kinds}): rotate them, they were typed into Teams.',
    ),
    reason: count(
      'A key was removed from the reason before it was saved ({kinds}): rotate it, it was typed into Teams.',
      'Keys were removed from the reason before it was saved ({kinds}): rotate them, they were typed into Teams.',
    ),
  },
  ineligibleUnknown: 'the hub could not be checked',
  proposalUnavailable: "A failover request could not be prepared: the bot's state store is not available. The diagnosis above is complete; send the error again in a moment to get the request button.",
  outcome: {
    succeeded: { failover: 'the failover of {hub} to {target} succeeded in {duration}.', failback: 'the failback of {hub} to {target} succeeded in {duration}.' } satisfies ByKind,
    failed: { failover: 'the failover of {hub} to {target} failed: {reason}', failback: 'the failback of {hub} to {target} failed: {reason}' } satisfies ByKind,
    requestedApproved: 'Requested by {requester}, approved by {approver}.',
  },
  status: {
    fallbackText: 'Failover status',
    title: 'Failover requests',
    none: 'No failover is waiting for approval or running.',
    summary: count('{n} request waiting for approval or running.', '{n} requests waiting for approval or running.'),
    more: count('+{n} more not shown.', '+{n} more not shown.'),
    where: 'Where',
    here: 'in this conversation',
    elsewhere: 'in another conversation',
    elsewhereNote: 'Requests made in other conversations show only their hub, state and times here.',
    states: {
      proposed: 'Proposed',
      requested: 'Waiting for approval',
      approved: 'Approved, starting',
      running: 'Running',
      succeeded: 'Succeeded',
      failed: 'Failed',
      rejected: 'Rejected',
      expired: 'Expired',
      cancelled: 'Cancelled',
    } satisfies Record<FailoverState, string>,
    kinds: { failover: 'Failover', failback: 'Failback' } satisfies ByKind,
    item: '{kind} of {hub} to {target}: {state}',
  },
  audit: {
    fallbackText: 'Failover audit trail',
    title: 'Failover audit trail',
    scopeAll: 'Latest decisions for every hub.',
    scopeHub: 'Latest decisions for {hub}.',
    none: 'No failover decision recorded yet.',
    shown: count('The latest record.', 'The latest {n} records, newest first.'),
    export: 'The whole trail can be exported as CSV or JSON from the audit API (GET /api/audit).',
    bot: 'the bot',
    line: '{at} · {kind} · {hub} · {actor}',
    lineElsewhere: '{at} · {kind} · {hub} · in another conversation',
    elsewhereNote: 'Records of requests made in other conversations show only their hub, decision and time here.',
    kinds: {
      requested: 'requested',
      approved: 'approved',
      rejected: 'rejected',
      expired: 'expired',
      cancelled: 'cancelled',
      started: 'started',
      progress: 'progress',
      succeeded: 'succeeded',
      failed: 'failed',
      refused: 'refused before start',
    } satisfies Record<AuditKind, string>,
    justification: 'Justification: {text}',
    reason: 'Reason: {text}',
    operation: 'ARM operation {id}',
  },
  ineligibleReasons: {
    'no-secondary': 'the hub has no secondary location',
    'dr-disabled': 'disaster recovery is disabled on this hub',
    'failover-running': 'a failover of this hub is already running',
    'daily-limit': 'the daily limit of two failovers (or failbacks) is reached',
    cooldown: 'the previous failover or failback was less than an hour ago',
    'hub-not-active': 'the hub is not in the Active state',
    'no-approvers': 'no approver is configured on this bot (FAILOVER_APPROVERS)',
  } satisfies Record<IneligibilityReason, string>,
};

export type FailoverStrings = typeof failoverEn;
