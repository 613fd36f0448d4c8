// Within one record (a log entry, a trace, a paragraph), the evidence of one error is merged:
// a code beats a name beats a protocol condition beats an exception class beats an HTTP status;
// wrappers (IotHubException, ConnectionFailedError ...) join the specific error they wrap; network
// evidence told at several levels (SDK class, SocketException, OS message) is one network failure.
import type { Candidate } from './classify.ts';
import { TextMemo } from './memo.ts';
import type { Hit } from './recognise.ts';
import type { EvidenceKind } from './types.ts';

export const SPECIFICITY: Readonly<Record<EvidenceKind, number>> = {
  code: 6,
  'arm-code': 6,
  'aka-link': 6,
  header: 5,
  name: 5,
  message: 5,
  'amqp-condition': 4,
  'mqtt-connack': 4,
  'sdk-exception': 3,
  'http-status': 2,
  network: 1,
};

export interface PlacedHit extends Hit {
  /**
   * False for a hit on a line that continues the record's error (a stack frame, a "Caused by:" or
   * "--->" inner exception, an indented property dump): those repeat the error, they do not add one.
   */
  countable: boolean;
}

export interface MergedError {
  candidate: Candidate;
  rank: number;
  evidence: PlacedHit[];
  /** Occurrences of this error in the record. */
  occurrences: number;
}

interface Group extends MergedError {
  /** Countable hits per wording: one error worded two ways is one occurrence; a repeated wording is one each. */
  hitsByWording: Map<string, number>;
}

/** How a hit is worded, for counting: case and spacing do not matter. */
export function newWordingMemo(): TextMemo {
  return new TextMemo((text) => text.replace(/\s+/g, ' ').toLowerCase());
}

function groupHits(hits: readonly PlacedHit[], wordings: TextMemo): Group[] {
  const byKey = new Map<string, Group>();
  for (const h of hits) {
    let group = byKey.get(h.candidate.key);
    if (group === undefined) {
      group = { candidate: h.candidate, rank: 0, hitsByWording: new Map(), evidence: [], occurrences: 0 };
      byKey.set(h.candidate.key, group);
    }
    group.rank = Math.max(group.rank, SPECIFICITY[h.kind]);
    if (h.countable) {
      const wording = `${h.kind}\u0000${wordings.get(h.text)}`;
      group.hitsByWording.set(wording, (group.hitsByWording.get(wording) ?? 0) + 1);
    }
    group.evidence.push(h);
  }
  for (const group of byKey.values()) {
    let most = 0;
    for (const n of group.hitsByWording.values()) most = Math.max(most, n);
    group.occurrences = Math.max(1, most);
  }
  return [...byKey.values()];
}

function canAbsorb(into: Group, other: Group): boolean {
  if (into.candidate.absorbable) return false;
  if (other.candidate.code !== null) return other.candidate.code === into.candidate.code;
  // A documented code explains the SDK class or status that carries it (AmqpInternalErrorException: "Another
  // AMQP Client has opened a Receive Link" is 400027); network evidence stays apart (see mergeNetwork).
  if (into.candidate.code !== null && other.rank <= SPECIFICITY['sdk-exception'] && other.candidate.category !== 'network') return true;
  // A hub timeout absorbs the network evidence and the lesser timeouts told with it (its TimeoutException).
  if (into.candidate.absorbsNetwork === true && (other.candidate.category === 'network' || other.rank < into.rank)) return true;
  // A generic connection failure (ConnectionFailedError, IotHubCommunicationException ...) joins a
  // specific hub error; next to other network evidence it is the better name (see mergeNetwork).
  if (other.candidate.absorbable) return other.candidate.category !== 'network' || into.candidate.category !== 'network';
  if (other.rank >= into.rank) return false;
  if (other.candidate.httpStatus !== null && other.candidate.httpStatus === into.candidate.httpStatus) return true;
  return other.candidate.category === into.candidate.category;
}

// Absorbed evidence raises the count only when it is itself an error name (an exception class on
// several log lines), not when it is a status word or phrase echoed next to the code.
const COUNTS_WHEN_ABSORBED = SPECIFICITY['sdk-exception'];

function absorb(target: Group, other: Group): void {
  target.evidence.push(...other.evidence);
  if (!other.candidate.absorbable && other.rank >= COUNTS_WHEN_ABSORBED) target.occurrences = Math.max(target.occurrences, other.occurrences);
}

/** Failures where no connection was made: no server can have refused the credentials on it. */
const NO_CONNECTION: ReadonlySet<string> = new Set(['ConnectionRefused', 'DnsResolutionFailed', 'NetworkUnreachable']);
/** A timeout of the connection attempt itself (Node's "connect ETIMEDOUT 13.95.15.251:8883"), not of an exchange on it. */
const CONNECT_ATTEMPT_TIMEOUT = /^(?:connect ETIMEDOUT|Timed out connecting to)/i;

function connectionNeverMade(group: Group): boolean {
  if (group.candidate.category !== 'network') return false;
  return NO_CONNECTION.has(group.candidate.name ?? '') || group.evidence.some((h) => CONNECT_ATTEMPT_TIMEOUT.test(h.text));
}

/**
 * An SDK's auth error class beside a connection that was never made ("UnauthorizedError: ... connect
 * ECONNREFUSED 172.18.0.3:8883") is the SDK's label, not the hub's answer: the socket failure is the finding. (The Node
 * SDK's MQTT transport wraps any failure of its first connection as "Failure on first connection (Not authorized): <cause>",
 * device/transport/mqtt/src/mqtt.ts, which its translateError then raises as UnauthorizedError.)
 * A protocol refusal (a CONNACK, an AMQP condition) or a code is the server's answer and stays.
 */
function labelsFailedConnection(groups: Group[]): Group[] {
  const failed = groups.find(connectionNeverMade);
  if (failed === undefined) return groups;
  const isLabel = (g: Group): boolean => g.candidate.category === 'auth' && g.candidate.code === null && g.rank <= SPECIFICITY['sdk-exception'];
  const labels = groups.filter(isLabel);
  // A server's own refusal in the same record means a connection was made after all.
  if (labels.length === 0 || groups.some((g) => g.candidate.category === 'auth' && !isLabel(g))) return groups;
  for (const label of labels) absorb(failed, label);
  return groups.filter((g) => !labels.includes(g));
}

/**
 * Network evidence in one record is one network failure, told at several levels: keep the
 * highest-level name, and count it once (a trace repeats the same failure in every layer).
 */
function mergeNetwork(groups: Group[]): Group[] {
  const network = groups.filter((g) => g.candidate.category === 'network');
  if (network.length === 0) return groups;
  const [primary, ...others] = [...network].sort(
    (a, b) => b.rank - a.rank || b.occurrences - a.occurrences || (a.evidence[0]?.index ?? 0) - (b.evidence[0]?.index ?? 0),
  );
  if (primary === undefined) return groups;
  for (const other of others) absorb(primary, other);
  primary.occurrences = 1;
  return groups.filter((g) => g.candidate.category !== 'network' || g === primary);
}

const SDK_READINGS: ReadonlySet<string> = new Set(['auth', 'config', 'quota']);

/**
 * An SDK exception that reads an MQTT refusal as a caller-side error in the same record wins over the refusal's
 * usual meaning: IoT Hub answers some authentication failures with CONNACK 3 "server unavailable", which the
 * .NET SDK raises as UnauthorizedException ("CONNECT failed: RefusedServerUnavailable").
 */
function readsRefusal(sdk: Group, refusal: Group): boolean {
  return (
    !sdk.candidate.absorbable &&
    sdk.candidate.code === null &&
    sdk.rank === SPECIFICITY['sdk-exception'] &&
    SDK_READINGS.has(sdk.candidate.category) &&
    refusal.rank === SPECIFICITY['mqtt-connack'] &&
    refusal.candidate.category === 'service'
  );
}

/** The distinct errors of one record. */
export function mergeRecordHits(hits: readonly PlacedHit[], wordings: TextMemo = newWordingMemo()): MergedError[] {
  const ordered = groupHits(hits, wordings).sort((a, b) => Number(a.candidate.absorbable) - Number(b.candidate.absorbable) || b.rank - a.rank);
  const kept: Group[] = [];
  for (const group of ordered) {
    const target = kept.find((k) => canAbsorb(k, group));
    if (target !== undefined) {
      absorb(target, group);
      continue;
    }
    const read = kept.findIndex((k) => readsRefusal(group, k));
    const refusal = kept[read];
    if (refusal !== undefined) {
      absorb(group, refusal);
      kept[read] = group;
    } else {
      kept.push(group);
    }
  }
  return mergeNetwork(labelsFailedConnection(kept));
}
