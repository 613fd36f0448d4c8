// FailoverAdvice (src/diagnosis/advice.ts) → the one next step on the first screen of the diagnosis and health
// cards, and the advice in full behind its label.
import type { FailoverAdvice, FailoverTrigger } from '../../diagnosis/advice.ts';
import type { Locale } from '../../core/locale.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import { echoList } from './lists.ts';
import { echo } from './escape.ts';
import { secondaryLocation } from './health-view.ts';
import type { HubCardPart } from './types.ts';
import type { AdviceView, ContainerStyle, LineView, NextStepView } from './view-types.ts';

const STYLES: Readonly<Record<FailoverAdvice['kind'], ContainerStyle>> = {
  'not-applicable': 'emphasis',
  'retry-hub-healthy': 'emphasis',
  'worth-considering': 'warning',
  'worth-considering-but-impossible': 'attention',
  'health-unknown': 'emphasis',
  'health-unavailable': 'emphasis',
  'no-hub': 'emphasis',
};

export function emptyAdvice(): AdviceView {
  return { show: false, style: 'default', text: '', reasons: [] };
}

/** The advice in full: why a failover would or would not help, and why it is impossible when it is. */
export function buildAdvice(advice: FailoverAdvice | null, part: HubCardPart, locale: Locale): AdviceView {
  if (advice === null) return emptyAdvice();
  const t = uiStrings(locale).advice;
  const view: AdviceView = { ...emptyAdvice(), show: true, style: STYLES[advice.kind] };
  switch (advice.kind) {
    case 'not-applicable': {
      const byVerdict: Readonly<Record<string, string | undefined>> = t.notApplicableByVerdict;
      view.text = byVerdict[advice.verdict] ?? t['not-applicable'];
      break;
    }
    case 'worth-considering':
      view.text = [...why(advice.trigger, locale), fill(t['worth-considering'], { secondary: secondaryOf(part) })].join(' ');
      break;
    case 'worth-considering-but-impossible':
      view.text = [...why(advice.trigger, locale), t['worth-considering-but-impossible']].join(' ');
      view.reasons = reasonLines(advice.reasons, locale);
      break;
    default:
      view.text = t[advice.kind];
  }
  return view;
}

/**
 * The one next step. The advice gives it when it knows the hub's health; when a failover would not help, the
 * error's own first step does (`firstStep`, empty when there is none). `hasButtons`: a request button is on the
 * card, so the step points at it.
 */
export function buildNextStep(advice: FailoverAdvice | null, part: HubCardPart, locale: Locale, hasButtons: boolean, firstStep: string): NextStepView {
  const ui = uiStrings(locale);
  const next = ui.advice.next;
  const view = (step: string, reasons: LineView[] = []): NextStepView => ({ show: step !== '', text: step === '' ? '' : fill(ui.diagnosis.next, { step }), reasons });
  if (advice === null || advice.kind === 'not-applicable') return view(firstStep);
  switch (advice.kind) {
    case 'worth-considering':
      return view(fill(hasButtons ? next.request : next.consider, { secondary: secondaryOf(part) }));
    case 'worth-considering-but-impossible':
      return view(next.impossible, reasonLines(advice.reasons, locale));
    default:
      return view(next[advice.kind]);
  }
}

/** Why a failover is on the table: the Resource Health state and/or the incidents in the region. */
function why(trigger: FailoverTrigger, locale: Locale): string[] {
  const ui = uiStrings(locale);
  const sentences: string[] = [];
  if (trigger.availabilityState !== null) sentences.push(fill(ui.advice.whyState, { state: ui.health.states[trigger.availabilityState] }));
  const ids = trigger.eventTrackingIds;
  if (ids.length > 0) sentences.push(fill(plural(locale, ids.length, ui.advice.whyIncidents), { ids: echoList(locale, ids, 3, 40) }));
  return sentences;
}

function reasonLines(reasons: readonly (keyof ReturnType<typeof uiStrings>['advice']['impossibleReasons'])[], locale: Locale): LineView[] {
  const t = uiStrings(locale).advice;
  const texts = reasons.length === 0 ? [t.impossibleUnchecked] : reasons.map((reason) => t.impossibleReasons[reason]);
  return texts.map((text) => ({ text: `• ${text}` }));
}

function secondaryOf(part: HubCardPart): string {
  const hub = part.kind === 'health' ? part.result.hub : null;
  const secondary = hub === null ? null : secondaryLocation(hub);
  return secondary === null ? '?' : echo(secondary, 60);
}
