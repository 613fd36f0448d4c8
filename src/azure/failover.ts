// FailoverExecutor over ARM: sends the manual-failover POST once (start) and polls the long-running
// operation from a saved poller state (poll) without ever sending the POST again.
//
// The SDK's beginManualFailover sends the POST and then one poll before it returns; when resuming it
// sends just that one poll. If that poll throws, the poller is lost with it, so the state to save is
// rebuilt here from the POST's own Azure-AsyncOperation / Location headers.
import { isRestError } from '@azure/core-rest-pipeline';
import type { Hub } from '../diagnosis/hub.ts';
import { FailoverRequestError } from '../failover/index.ts';
import type { FailoverExecutor, FailoverOperationStatus, FailoverProgress } from '../failover/index.ts';
import type { ArmClients } from './clients.ts';
import { describeArmError, isAbortError, safeCode, safeText } from './errors.ts';
import { deadline } from '../core/abort.ts';

export interface FailoverExecutorOptions {
  clients: ArmClients;
  subscriptions: readonly string[];
  /** Per HTTP request. */
  timeoutMs: number;
  /** start() and poll() each give up after this (POST + first poll, or one poll + final GET). */
  callBudgetMs: number;
}

interface RawResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  request: { method: string };
}

/** What the SDK's responses said during one start() or poll(). */
class ResponseLog {
  accepted = false;
  mode: 'OperationLocation' | 'ResourceLocation' | null = null;
  operationLocation: string | null = null;
  resourceLocation: string | null = null;
  lastRequestId: string | null = null;

  readonly onResponse = (raw: RawResponse): void => {
    this.lastRequestId = raw.headers.get('x-ms-request-id') ?? this.lastRequestId;
    if (raw.request.method.toUpperCase() !== 'POST' || raw.status < 200 || raw.status >= 300) return;
    this.accepted = true;
    const asyncOperation = raw.headers.get('operation-location') ?? raw.headers.get('azure-asyncoperation') ?? null;
    const location = raw.headers.get('location') ?? null;
    this.mode = asyncOperation ? 'OperationLocation' : location ? 'ResourceLocation' : null;
    this.operationLocation = asyncOperation ?? location;
    this.resourceLocation = asyncOperation ? location : null;
  };
}

interface SavedState {
  status: string;
  config: { metadata?: { mode?: string }; operationLocation?: string; resourceLocation?: string };
}

interface SavedToken {
  state: SavedState;
  /** Our own note next to the SDK's state: a failed state's error does not survive JSON. */
  oncall?: { errorMessage?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseToken(token: string): SavedToken | null {
  try {
    const parsed: unknown = JSON.parse(token);
    if (!isRecord(parsed) || !isRecord(parsed['state'])) return null;
    const state = parsed['state'];
    if (typeof state['status'] !== 'string' || !isRecord(state['config'])) return null;
    const note = isRecord(parsed['oncall']) && typeof parsed['oncall']['errorMessage'] === 'string' ? { errorMessage: parsed['oncall']['errorMessage'] } : undefined;
    return { state: { status: state['status'], config: state['config'] as SavedState['config'] }, ...(note ? { oncall: note } : {}) };
  } catch {
    return null;
  }
}

function buildToken(status: FailoverOperationStatus, config: SavedState['config'], errorMessage: string | null): string {
  const token: SavedToken = { state: { status, config } };
  if (errorMessage !== null) token.oncall = { errorMessage };
  return JSON.stringify(token);
}

function configFrom(log: ResponseLog): SavedState['config'] {
  return {
    ...(log.mode !== null ? { metadata: { mode: log.mode } } : {}),
    ...(log.operationLocation !== null ? { operationLocation: log.operationLocation } : {}),
    ...(log.resourceLocation !== null ? { resourceLocation: log.resourceLocation } : {}),
  };
}

export function operationIdFrom(url: string | undefined | null): string | null {
  if (!url) return null;
  const found = /\/operationResults\/([^/?#]+)/i.exec(url);
  if (!found?.[1]) return null;
  try {
    return decodeURIComponent(found[1]);
  } catch {
    return found[1];
  }
}

const LRO_FAILED = 'The long-running operation has failed';
const LRO_CANCELED = 'Operation was canceled';

function isOperationOutcome(error: unknown): error is Error {
  return error instanceof Error && !isRestError(error) && !isAbortError(error) && (error.message.startsWith(LRO_FAILED) || error.message === LRO_CANCELED);
}

/** "The long-running operation has failed. CODE. MESSAGE" → "MESSAGE (CODE)", made safe. */
export function failureMessage(error: Error): string {
  if (error.message === LRO_CANCELED) return 'The failover was cancelled.';
  const rest = error.message.slice(LRO_FAILED.length).replace(/^\.\s*/, '');
  const found = /^([A-Za-z0-9._-]+)\.\s+([\s\S]*)$/.exec(rest);
  if (found) {
    const code = safeCode(found[1]);
    const message = safeText(found[2] ?? '');
    return `${message}${code ? ` (${code})` : ''}`.trim() || 'The failover failed.';
  }
  return rest.trim() === '' ? 'The failover failed.' : safeText(rest);
}

function statusOf(sdkStatus: string): FailoverOperationStatus {
  if (sdkStatus === 'succeeded') return 'succeeded';
  if (sdkStatus === 'failed' || sdkStatus === 'canceled') return 'failed';
  return 'running';
}

function requestError(error: unknown, log: ResponseLog, phase: 'start' | 'poll'): FailoverRequestError {
  const failure = describeArmError(error);
  const armRequestId = failure.armRequestId ?? log.lastRequestId;
  if (isAbortError(error)) {
    const message =
      phase === 'start'
        ? 'No answer from ARM to the failover request in time; it may or may not have started. Check the hub before trying again.'
        : 'No answer from ARM while checking the failover; it keeps running on the Azure side.';
    return new FailoverRequestError(message, { statusCode: null, armCode: null, armRequestId, retryable: true });
  }
  if (isRestError(error) && failure.statusCode !== null) {
    const status = failure.statusCode;
    const armMessage = safeText(error.message, 240);
    const retryable = status === 408 || status === 429 || status >= 500;
    const what = phase === 'start' ? 'ARM refused the failover request' : 'ARM refused the failover status check';
    return new FailoverRequestError(`${what} (HTTP ${status}${failure.armCode ? ` ${failure.armCode}` : ''})${armMessage ? `: ${armMessage}` : ''}`, {
      statusCode: status,
      armCode: failure.armCode,
      armRequestId,
      retryable,
    });
  }
  if (isRestError(error)) return new FailoverRequestError(`${failure.detail}.`, { statusCode: null, armCode: failure.armCode, armRequestId, retryable: true });
  return new FailoverRequestError(phase === 'start' ? 'The failover request failed unexpectedly.' : 'Checking the failover failed unexpectedly.', {
    statusCode: null,
    armCode: null,
    armRequestId,
    retryable: phase === 'poll',
  });
}

export class ArmFailoverExecutor implements FailoverExecutor {
  private readonly options: FailoverExecutorOptions;

  constructor(options: FailoverExecutorOptions) {
    this.options = options;
  }

  private subscriptionOf(hub: Hub): string {
    const subscriptionId = this.options.subscriptions.find((id) => id.toLowerCase() === hub.subscriptionId.toLowerCase());
    if (!subscriptionId) {
      throw new FailoverRequestError('The hub is not in a configured subscription.', { statusCode: null, armCode: null, armRequestId: null, retryable: false });
    }
    return subscriptionId;
  }

  private sdkOptions(log: ResponseLog, signal: AbortSignal) {
    return { abortSignal: signal, requestOptions: { timeout: this.options.timeoutMs }, onResponse: log.onResponse };
  }

  async start(hub: Hub, failoverRegion: string, signal?: AbortSignal): Promise<FailoverProgress> {
    const client = this.options.clients.failover(this.subscriptionOf(hub));
    const region = failoverRegion.trim() || hub.locations.find((location) => location.role === 'secondary')?.location || '';
    if (region === '') {
      throw new FailoverRequestError('The hub has no secondary region to fail over to.', { statusCode: null, armCode: null, armRequestId: null, retryable: false });
    }
    const log = new ResponseLog();
    const limit = deadline(this.options.callBudgetMs, signal);
    try {
      // Hub name first, resource group second (the reverse of iotHubResource.get).
      const poller = await client.iotHub.beginManualFailover(hub.name, hub.resourceGroup, { failoverRegion: region }, this.sdkOptions(log, limit.signal));
      const state = poller.getOperationState();
      return { status: statusOf(state.status), resumeToken: poller.toString(), armRequestId: log.lastRequestId, operationId: operationIdFrom(log.operationLocation), errorMessage: null };
    } catch (error) {
      if (!log.accepted) throw requestError(error, log, 'start');
      // The POST was accepted: the failover is under way whatever happened to the first poll.
      const config = configFrom(log);
      if (isOperationOutcome(error)) {
        const message = failureMessage(error);
        return { status: 'failed', resumeToken: buildToken('failed', config, message), armRequestId: log.lastRequestId, operationId: operationIdFrom(log.operationLocation), errorMessage: message };
      }
      return { status: 'running', resumeToken: buildToken('running', config, null), armRequestId: log.lastRequestId, operationId: operationIdFrom(log.operationLocation), errorMessage: null };
    }
  }

  async poll(hub: Hub, resumeToken: string, signal?: AbortSignal): Promise<FailoverProgress> {
    const client = this.options.clients.failover(this.subscriptionOf(hub));
    const saved = parseToken(resumeToken);
    if (!saved) throw new FailoverRequestError('The saved failover state is not readable.', { statusCode: null, armCode: null, armRequestId: null, retryable: false });
    const operationId = operationIdFrom(saved.state.config.operationLocation);
    const status = statusOf(saved.state.status);
    // A finished state resumes without any request (and a failed one would throw `{}`): answer from it.
    if (status !== 'running') {
      const errorMessage = status === 'failed' ? (saved.oncall?.errorMessage ?? 'The failover failed.') : null;
      return { status, resumeToken, armRequestId: null, operationId, errorMessage };
    }
    const log = new ResponseLog();
    const limit = deadline(this.options.callBudgetMs, signal);
    try {
      const poller = await client.iotHub.beginManualFailover(hub.name, hub.resourceGroup, { failoverRegion: '' }, { ...this.sdkOptions(log, limit.signal), resumeFrom: resumeToken });
      const state = poller.getOperationState();
      return { status: statusOf(state.status), resumeToken: poller.toString(), armRequestId: log.lastRequestId, operationId, errorMessage: null };
    } catch (error) {
      if (isOperationOutcome(error)) {
        const message = failureMessage(error);
        return { status: 'failed', resumeToken: buildToken('failed', saved.state.config, message), armRequestId: log.lastRequestId, operationId, errorMessage: message };
      }
      throw requestError(error, log, 'poll');
    }
  }
}
