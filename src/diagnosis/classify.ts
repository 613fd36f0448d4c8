// What a recognised piece of evidence means: the error it names (a catalog code, or an HTTP class
// with a name), how transient it is, and which category it falls in. Categories drive both the
// severity order of findings and the verdict.
import { entryByCode, type CatalogEntry } from './catalog.ts';
import type { FindingFamily, VerdictKind } from './types.ts';

/**
 * Severity order, most severe first (the order of this list):
 * service-side faults (5xx, failing over, service timeouts) > throttling > quota >
 * authentication > other caller-side configuration > device offline > network/local > unclassified.
 */
export const CATEGORY_SEVERITY = ['service', 'throttling', 'quota', 'auth', 'config', 'device-offline', 'network', 'unclassified'] as const;
export type Category = (typeof CATEGORY_SEVERITY)[number];

export function severityRank(category: Category): number {
  return CATEGORY_SEVERITY.indexOf(category);
}

const VERDICT_OF_CATEGORY: Readonly<Record<Category, VerdictKind>> = {
  service: 'transient-service',
  throttling: 'transient-service',
  quota: 'client-config',
  auth: 'client-config',
  config: 'client-config',
  'device-offline': 'device-offline',
  network: 'not-iothub',
  unclassified: 'unknown',
};

export function verdictOfCategory(category: Category): VerdictKind {
  return VERDICT_OF_CATEGORY[category];
}

/** One interpretation of a piece of evidence; equal keys mean "the same error". */
export interface Candidate {
  key: string;
  code: number | null;
  name: string | null;
  httpStatus: number | null;
  transient: boolean | null;
  family: FindingFamily;
  category: Category;
  /**
   * A wrapper that says "an error happened" without saying which (IotHubException,
   * ConnectionDroppedError, Communication_Error ...): it joins a more specific error seen in the
   * same record instead of counting as one of its own.
   */
  absorbable: boolean;
  /**
   * The error that a timeout, a socket exception or an HTTP status seen in the same record is part of (see
   * record-merge.ts): a hub timeout, or a local IoT Edge service's own error.
   */
  absorbsNetwork?: boolean;
}

/** How an SDK/protocol name maps onto the model when it carries no 6-digit code. */
export interface ClassSpec {
  name: string;
  httpStatus: number | null;
  transient: boolean | null;
  category: Category;
  absorbable?: boolean;
  /** The name is specific to one catalog code (e.g. com.microsoft:device-container-throttled). */
  code?: number;
  /** An OS/runtime network exception (SocketException ...), not a name from an IoT SDK. */
  platform?: boolean;
  absorbsNetwork?: boolean;
}

// 504101: the hub relayed a direct method and the device did not answer in time; the hub is fine.
const DEVICE_OFFLINE_CODES: ReadonlySet<number> = new Set([404102, 404103, 404104, 504101]);
const QUOTA_CODES: ReadonlySet<number> = new Set([403001, 403002, 403003, 403004, 403005, 403006, 403007, 403800]);
const CALLER_WAITS_CODES: ReadonlySet<number> = new Set([409402]);

export function categoryOfCode(entry: CatalogEntry): Category {
  const { code, httpStatus } = entry;
  if (DEVICE_OFFLINE_CODES.has(code)) return 'device-offline';
  if (httpStatus === 429 || code === 503008) return 'throttling';
  if (httpStatus >= 500) return 'service';
  if (QUOTA_CODES.has(code)) return 'quota';
  if (httpStatus === 401) return 'auth';
  // 4xx codes the service itself calls transient: failing over (404012), platform upgrades
  // (400029/400030), service-side timeouts and cancellations.
  if (entry.transient === true && !CALLER_WAITS_CODES.has(code)) return 'service';
  return 'config';
}

export function categoryOfStatus(status: number): Category {
  if (status === 429) return 'throttling';
  if (status >= 500 || status === 408) return 'service';
  if (status === 401) return 'auth';
  return 'config';
}

export function transientOfStatus(status: number): boolean | null {
  if (status === 429 || status === 408 || status >= 500) return true;
  if (status === 403) return null;
  return false;
}

export function codeCandidate(entry: CatalogEntry): Candidate {
  return {
    key: `code:${entry.code}`,
    code: entry.code,
    name: entry.name,
    httpStatus: entry.httpStatus,
    transient: entry.transient,
    family: 'iothub-code',
    category: categoryOfCode(entry),
    absorbable: false,
  };
}

const KNOWN_STATUS_CLASSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 408, 409, 412, 413, 415, 429, 499, 500, 502, 503, 504]);

/**
 * A 6-digit code in an error-code field that the catalog does not know (a newer service code):
 * its first three digits are still its HTTP class.
 */
export function uncataloguedCodeCandidate(code: number): Candidate | null {
  const status = Math.floor(code / 1000);
  if (!KNOWN_STATUS_CLASSES.has(status)) return null;
  return {
    key: `code:${code}`,
    code,
    name: null,
    httpStatus: status,
    transient: transientOfStatus(status),
    family: 'http-class',
    category: categoryOfStatus(status),
    absorbable: false,
  };
}

/**
 * A code of the IoT Hub resource provider (ARM: "errorcode: IH400016", and the same number in that error's
 * body). Its numbers share the data plane's form but not its meanings (IH409002 is not LinkCreationConflict):
 * it is named as written, with its HTTP class only.
 */
export function resourceProviderCandidate(code: number): Candidate | null {
  const status = Math.floor(code / 1000);
  if (!KNOWN_STATUS_CLASSES.has(status)) return null;
  return {
    key: `rp:${code}`,
    code: null,
    name: `IH${code}`,
    httpStatus: status,
    transient: transientOfStatus(status),
    family: 'http-class',
    category: categoryOfStatus(status),
    absorbable: false,
  };
}

export function candidateForCode(code: number): Candidate | null {
  const entry = entryByCode(code);
  return entry !== undefined ? codeCandidate(entry) : uncataloguedCodeCandidate(code);
}

export function classCandidate(spec: ClassSpec): Candidate {
  if (spec.code !== undefined) {
    const entry = entryByCode(spec.code);
    if (entry !== undefined) return codeCandidate(entry);
  }
  const family: FindingFamily = spec.category === 'network' ? 'not-iothub' : 'http-class';
  return {
    key: `class:${spec.category}:${spec.httpStatus ?? '-'}:${spec.name}`,
    code: null,
    name: spec.name,
    httpStatus: spec.httpStatus,
    transient: spec.transient,
    family,
    category: spec.category,
    absorbable: spec.absorbable ?? false,
    ...(spec.absorbsNetwork === true ? { absorbsNetwork: true } : {}),
  };
}

const HTTP_REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Error statuses that exist (so a port such as 443 or a count such as 450 is not read as one). */
const ERROR_STATUSES: ReadonlySet<number> = new Set([
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 499,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

export function httpStatusCandidate(status: number): Candidate | null {
  if (!ERROR_STATUSES.has(status)) return null;
  const reason = HTTP_REASONS[status];
  return classCandidate({
    name: reason === undefined ? `HTTP ${status}` : `HTTP ${status} ${reason}`,
    httpStatus: status,
    transient: transientOfStatus(status),
    category: categoryOfStatus(status),
  });
}
