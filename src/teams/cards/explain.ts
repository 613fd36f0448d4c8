// The one place the cards read the error explanations of src/i18n/errors/ (owned by the diagnosis
// work): which text explains a finding, the SDK retry note, the documentation links and the support block.
import type { Finding, VerdictKind } from '../../diagnosis/types.ts';
import type { Locale } from '../../core/locale.ts';
import { akaMsUrl, docUrl, errorText, httpClassText, notIotHubText, NOT_IOTHUB_KINDS, sdkRetryNote } from '../../i18n/errors/index.ts';
import type { ErrorText, NotIotHubKind } from '../../i18n/errors/index.ts';
import { fill, uiStrings } from '../../i18n/index.ts';

export { supportBlock } from '../../i18n/errors/index.ts';

export interface Explanation {
  title: string;
  cause: string;
  actions: string[];
  /** Whether to retry and what the SDKs do by default; null when there is nothing useful to say. */
  retryNote: string | null;
}

/** The explanation of the headline finding: its code, else its not-IoT-Hub kind, else its HTTP class. */
export function explainFinding(locale: Locale, finding: Finding | null, verdict: VerdictKind): Explanation {
  const text = finding === null ? undefined : findText(locale, finding);
  const classNote = finding?.httpStatus != null && finding.transient !== false ? sdkRetryNote(locale, finding.httpStatus) : undefined;
  if (text !== undefined) {
    return { title: text.title, cause: text.cause, actions: [...text.actions], retryNote: text.transientNote ?? classNote ?? null };
  }
  const t = uiStrings(locale).diagnosis;
  return {
    title: finding === null ? t.noFindingsTitle : t.genericTitle,
    cause: finding === null ? uiStrings(locale).verdict[verdict] : t.genericCause,
    actions: [...t.genericActions],
    retryNote: classNote ?? null,
  };
}

function findText(locale: Locale, finding: Finding): ErrorText | undefined {
  if (finding.code !== null) {
    const text = errorText(locale, finding.code);
    if (text !== undefined) return text;
  }
  if (finding.family === 'not-iothub') return notIotHubText(locale, notIotHubKind(finding));
  if (finding.httpStatus !== null) return httpClassText(locale, finding.httpStatus);
  return undefined;
}

const KIND_PATTERNS: readonly [NotIotHubKind, RegExp][] = [
  ['dns', /dns|ENOTFOUND|EAI_AGAIN|getaddrinfo|UnknownHost|name ?resolution|No such host|Name or service not known/i],
  ['connection-refused', /ECONNREFUSED|connection ?refused|ConnectException|actively refused/i],
  ['connection-reset', /ECONNRESET|connection ?reset|ConnectionDropped|forcibly closed|broken pipe|EPIPE/i],
  ['tls', /tls|ssl|certificate|handshake|x509|AuthenticationException/i],
  ['local-identity-service', /identity ?service|aziot|workload|\bHSM\b|edgelet|iotedged/i],
  ['client-size-check', /too (large|big)|exceeds? (the )?(maximum|max) (message )?size|MessageTooLarge/i],
  ['timeout-client', /ETIMEDOUT|timed? ?out|timeout/i],
];

/**
 * Which not-IoT-Hub text explains a finding: its name when the diagnosis names the kind itself,
 * else the first kind its name or evidence points to, else a generic network failure.
 */
export function notIotHubKind(finding: Finding): NotIotHubKind {
  const known: readonly string[] = NOT_IOTHUB_KINDS;
  if (finding.name !== null && known.includes(finding.name)) return finding.name as NotIotHubKind;
  const seen = [finding.name ?? '', ...finding.evidence.map((e) => e.text)].join(' ');
  return KIND_PATTERNS.find(([, pattern]) => pattern.test(seen))?.[0] ?? 'generic-network';
}

export interface DocLink {
  title: string;
  url: string;
}

const TROUBLESHOOT_URL = 'https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes';

/** Microsoft Learn and aka.ms links for a coded finding; the error-code reference otherwise. */
export function docLinks(locale: Locale, finding: Finding | null): DocLink[] {
  const t = uiStrings(locale).diagnosis;
  const links: DocLink[] = [];
  if (finding?.code != null) {
    const learn = docUrl(finding.code);
    const akaMs = akaMsUrl(finding.code);
    if (learn !== null) links.push({ title: fill(t.docsLearn, { code: finding.code }), url: learn });
    if (akaMs !== null) links.push({ title: fill(t.docsAkaMs, { code: finding.code }), url: akaMs });
  }
  if (links.length === 0) links.push({ title: t.docsTroubleshoot, url: TROUBLESHOOT_URL });
  return links.filter((link) => isSafeUrl(link.url));
}

/** Links come from our own tables, but a card must never carry anything but an https URL. */
function isSafeUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
