// Diagnosis → the view model of the diagnosis card (everything but health, advice and actions).
import { retryErrorClass, sdkRetries } from '../../diagnosis/sdk-retry-facts.ts';
import type { Diagnosis, Finding } from '../../diagnosis/types.ts';
import type { Locale } from '../../core/locale.ts';
import { sdkVersionNote, serviceDocLink, serviceText, serviceVerdict } from '../../i18n/errors/index.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import type { Budget } from './budget.ts';
import { echo, plainEcho } from './escape.ts';
import { docLinks, explainFinding, supportBlock } from './explain.ts';
import { distinct, echoList, moreText } from './lists.ts';
import { formatTime } from './time.ts';
import type { ContainerStyle, DiagnosisView, FactView, LineView, TextColor } from './view-types.ts';

/** The headline: the first finding, since the diagnosis lists them most severe first. */
export function headlineFinding(diagnosis: Diagnosis): Finding | null {
  return diagnosis.findings[0] ?? null;
}

export function buildDiagnosisView(diagnosis: Diagnosis, locale: Locale, budget: Budget): DiagnosisView {
  const ui = uiStrings(locale);
  const t = ui.diagnosis;
  const finding = headlineFinding(diagnosis);
  // Another service's error is explained as that service's, with where to look instead (never the hub).
  const service = diagnosis.service;
  const explanation = service === null ? explainFinding(locale, finding, diagnosis.verdict.kind) : { ...serviceText(locale, service), retryNote: null };
  const badge = transientBadge(locale, finding?.transient ?? null);
  const evidence = finding === null ? '' : evidenceText(locale, finding, budget);
  const seen = finding === null ? '' : seenText(locale, finding);
  const others = diagnosis.findings.slice(1);
  const shownOthers = others.slice(0, budget.otherFindings);
  const remainingOthers = others.length - shownOthers.length;
  return {
    headline: {
      codeAndName: finding === null ? t.noFindingsTitle : codeAndName(locale, finding, budget),
      title: explanation.title,
      badgeText: badge.text,
      badgeStyle: badge.style,
      badgeColor: badge.color,
      verdict: service === null ? ui.verdict[diagnosis.verdict.kind] : serviceVerdict(locale, service),
      cause: explanation.cause,
      showSeen: seen !== '',
      seen,
      showEvidence: evidence !== '',
      evidence,
    },
    secrets: secretsView(diagnosis, locale),
    truncated: { show: diagnosis.truncated, text: t.truncated },
    steps: {
      show: explanation.actions.length > 0,
      // One markdown ordered list: separate TextBlocks would each restart at 1 on some clients.
      text: explanation.actions.map((action, i) => `${i + 1}. ${action}`).join('\r'),
      first: explanation.actions[0] ?? '',
    },
    sdkRetry: { show: explanation.retryNote !== null && finding?.transient !== false, text: explanation.retryNote ?? '' },
    sdkVersion: sdkVersionView(diagnosis, locale),
    facts: budget.contextFacts ? contextFacts(diagnosis, locale, budget) : [],
    others: {
      show: others.length > 0,
      items: shownOthers.map((other) => ({ title: codeAndName(locale, other, budget), value: findingSummary(locale, other) })),
      showMore: remainingOthers > 0,
      more: remainingOthers > 0 ? moreText(locale, remainingOthers) : '',
    },
    support: { show: diagnosis.findings.length > 0, lines: supportLines(diagnosis, locale, budget) },
    links: service === null ? docLinks(locale, finding) : [serviceDocLink(locale, service)],
  };
}

/** "SDK in the paste: azure-iot-device 1.7.4. This version retries …": from the dated table of SDK facts. */
function sdkVersionView(diagnosis: Diagnosis, locale: Locale): DiagnosisView['sdkVersion'] {
  const sdk = diagnosis.sdk;
  if (sdk === null) return { show: false, text: '' };
  const finding = headlineFinding(diagnosis);
  const errorClass = finding === null ? null : retryErrorClass(finding);
  // The name comes from a fixed list and the version is digits, but both were read in the paste: echoed as such.
  const shown = { name: echo(sdk.name, 60), version: echo(sdk.version, 30) };
  return { show: true, text: sdkVersionNote(locale, shown, errorClass, sdkRetries(sdk, errorClass)) };
}

/** "500001 ServerError", "ServerErrorException (HTTP 500)", "HTTP 503", or the unnamed label. */
export function codeAndName(locale: Locale, finding: Finding, budget: Budget): string {
  const t = uiStrings(locale).diagnosis;
  const name = finding.name === null ? '' : echo(finding.name, Math.min(100, budget.valueChars));
  const http = finding.httpStatus === null ? '' : fill(t.httpClass, { status: finding.httpStatus });
  if (finding.code !== null) return name === '' ? String(finding.code) : `${finding.code} ${name}`;
  if (name !== '') return http === '' ? name : `${name} (${http})`;
  return http === '' ? t.unnamedError : http;
}

/** Transient or not: a badge (the message action's preview) or coloured words (the diagnosis card). */
function transientBadge(locale: Locale, transient: boolean | null): { text: string; style: ContainerStyle; color: TextColor } {
  const t = uiStrings(locale).transient;
  if (transient === true) return { text: t.yes, style: 'accent', color: 'accent' };
  if (transient === false) return { text: t.no, style: 'attention', color: 'attention' };
  return { text: t.unknown, style: 'emphasis', color: 'default' };
}

function transientWord(locale: Locale, transient: boolean | null): string {
  const t = uiStrings(locale).transient;
  return transient === true ? t.yes : transient === false ? t.no : t.unknown;
}

function findingSummary(locale: Locale, finding: Finding): string {
  const count = fill(uiStrings(locale).diagnosis.findingCount, { n: finding.count });
  return `${count} · ${transientWord(locale, finding.transient)}`;
}

function seenText(locale: Locale, finding: Finding): string {
  const t = uiStrings(locale).diagnosis;
  const from = finding.firstSeen === null ? null : formatTime(locale, finding.firstSeen);
  const to = finding.lastSeen === null ? null : formatTime(locale, finding.lastSeen);
  // Compared as shown (to the second): 09:12:44.000 and 09:12:44.201 are one moment on the card.
  const times = from !== null && to !== null && from !== to ? ' ' + fill(t.seenBetween, { from, to }) : '';
  return plural(locale, finding.count, t.occurrences) + times;
}

function evidenceText(locale: Locale, finding: Finding, budget: Budget): string {
  if (budget.evidence === 0 || finding.evidence.length === 0) return '';
  const snippets = distinct(finding.evidence.map((e) => e.text)).slice(0, budget.evidence).map((text) => echo(text, 80));
  return fill(uiStrings(locale).diagnosis.evidence, { items: snippets.join(uiStrings(locale).common.listSeparator) });
}

function secretsView(diagnosis: Diagnosis, locale: Locale): DiagnosisView['secrets'] {
  const t = uiStrings(locale).diagnosis;
  const { count, kinds } = diagnosis.secrets;
  if (count <= 0) return { show: false, heading: '', body: '' };
  const names: Readonly<Record<string, string | undefined>> = t.secretKinds;
  const kindNames = distinct(kinds).map((kind) => names[kind] ?? kind);
  return {
    show: true,
    heading: t.secretsHeading,
    body: fill(plural(locale, count, t.secretsBody), { kinds: kindNames.join(uiStrings(locale).common.listSeparator) }),
  };
}

function hubValues(diagnosis: Diagnosis): string[] {
  return distinct([...diagnosis.context.hubHostNames, ...diagnosis.context.hubNames]);
}

function timeSpanText(diagnosis: Diagnosis, locale: Locale): string {
  const span = diagnosis.timeSpan;
  if (span !== null) return fill(uiStrings(locale).common.timeRange, { from: formatTime(locale, span.from), to: formatTime(locale, span.to) });
  const single = diagnosis.context.timestamps[0];
  return single === undefined ? '' : formatTime(locale, single);
}

function contextFacts(diagnosis: Diagnosis, locale: Locale, budget: Budget): FactView[] {
  const ui = uiStrings(locale);
  const t = ui.diagnosis.facts;
  const { context } = diagnosis;
  const facts: FactView[] = [];
  const list = (title: string, values: readonly string[]): void => {
    if (values.length > 0) facts.push({ title, value: echoList(locale, values, budget.listItems, budget.valueChars) });
  };
  list(t.hub, hubValues(diagnosis));
  list(t.devices, context.deviceIds);
  list(t.modules, context.moduleIds);
  list(t.protocols, context.protocols);
  list(t.trackingIds, context.trackingIds);
  list(t.correlationIds, context.correlationIds);
  const span = timeSpanText(diagnosis, locale);
  if (span !== '') facts.push({ title: t.timeSpan, value: span });
  if (diagnosis.findings.length > 0) {
    const occurrences = diagnosis.findings.reduce((sum, f) => sum + f.count, 0);
    facts.push({
      title: t.counts,
      value: fill(ui.diagnosis.countsValue, {
        errors: plural(locale, diagnosis.findings.length, ui.diagnosis.distinctErrors),
        occurrences: plural(locale, occurrences, ui.diagnosis.occurrenceCount),
      }),
    });
  }
  return facts;
}

/**
 * The support block: the lines of supportBlock() (src/i18n/errors), shown as plain TextRuns (no
 * markdown) so ids copy exactly. Values are cleaned and cut first; detail shrinks with the budget:
 * 'full' lists what is known, 'short' keeps error, hub, first tracking id and time, 'minimal' keeps
 * error and time.
 */
function supportLines(diagnosis: Diagnosis, locale: Locale, budget: Budget): LineView[] {
  const finding = headlineFinding(diagnosis);
  if (finding === null) return [];
  const chars = Math.min(budget.valueChars, 120);
  const full = budget.support === 'full';
  const minimal = budget.support === 'minimal';
  const pick = (values: readonly string[], max: number): string[] => distinct(values).slice(0, max).map((v) => plainEcho(v, chars));
  const items = full ? budget.supportItems : 1;
  const { context } = diagnosis;
  const hubName = hubValues(diagnosis)[0];
  const span = diagnosis.timeSpan;
  const block = supportBlock(locale, {
    hubHostName: minimal || hubName === undefined ? undefined : plainEcho(hubName, chars),
    code: finding.code,
    name: finding.name === null ? null : plainEcho(finding.name, 100),
    trackingIds: minimal ? [] : pick(context.trackingIds, items),
    timestamps: full ? pick(context.timestamps, items) : [],
    deviceIds: full ? pick(context.deviceIds, items) : [],
    count: finding.count,
    timeSpan: span === null ? null : { from: plainEcho(span.from, 40), to: plainEcho(span.to, 40) },
  });
  return block === '' ? [] : block.split('\n').map((text) => ({ text }));
}
