// The card renderers the bot calls: view model first (pure), then the template of cards/, then the
// size guard. Every card answers on its first screen and keeps the rest one click away (docs/design.md,
// "Cards: the decision first"). Every renderer returns a plain Adaptive Card 1.5 object. The diagnosis and health cards can
// host a failover section: they also give the model they were rendered from, which the failover request
// keeps, so that every later version of the card is rendered again from it around a new section.
import type { Hub } from '../../diagnosis/hub.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import type { Locale } from '../../core/locale.ts';
import { plural, uiStrings } from '../../i18n/index.ts';
import type { UiStrings } from '../../i18n/index.ts';
import { buildAdvice, buildNextStep } from './advice-view.ts';
import { BUDGETS, CARD_BYTE_LIMIT, byteSize, fitToBudget } from './budget.ts';
import type { Budget } from './budget.ts';
import { buildDiagnosisView } from './diagnosis-view.ts';
import { buildHealthSection, buildHubChoice, buildHubStatus, emptyHubChoice } from './health-view.ts';
import type { FailoverAdvice } from '../../diagnosis/advice.ts';
import { rowsOf } from './lists.ts';
import { expandCard } from './templates.ts';
import type { AdaptiveCard, CardAction, HubCardPart } from './types.ts';
import type { ActionSlotView, ToggleView } from './view-types.ts';

export interface DiagnosisCardInput {
  diagnosis: Diagnosis;
  locale: Locale;
  /** Azure is simulated: the card says so. */
  demo: boolean;
  hub: HubCardPart;
  advice: FailoverAdvice | null;
  /** Optional actions (e.g. the failover request button), rendered in an ActionSet under the advice. */
  actions?: CardAction[];
  /** The failover proposal: elements of the failover section (renderFailoverSection), shown under the advice. */
  failover?: readonly unknown[];
  /** False when `failover` only explains why no request button could be offered. Default: true when given. */
  failoverOffered?: boolean;
}

/** The `health <hub>` card takes everything the diagnosis card does but the diagnosis. */
export type HealthCardInput = Omit<DiagnosisCardInput, 'diagnosis'>;

/** Root data shared by every template: the strings of the locale and the demo flag. */
interface CommonData {
  t: UiStrings;
  demo: boolean;
}

function common(locale: Locale, demo: boolean): CommonData {
  return { t: uiStrings(locale), demo };
}

function actionSlot(actions: readonly CardAction[] | undefined): ActionSlotView {
  const list = actions ?? [];
  return { show: list.length > 0, rows: rowsOf(list).map((row) => ({ actions: row })) };
}

/** The budget that keeps only the essentials, used when nothing else fits (not expected to happen). */
const LAST_BUDGET: Budget = { ...(BUDGETS[BUDGETS.length - 1] as Budget), valueChars: 20, azureTextChars: 40, listItems: 1 };

/**
 * The layout of the diagnosis and health templates a stored model was built for. A request's card document
 * keeps the model of the card it was proposed on; a model of another layout (an older version of the bot) is
 * not rendered again into today's templates: the request's card then stands alone.
 */
export const HOST_CARD_LAYOUT = 2;

/** What a template reads besides the strings, the demo flag and the failover slot: plain JSON. */
export type HostCardView = Record<string, unknown>;

/** A diagnosis or health card as the model it is rendered from (the failover slot left empty). */
export interface HostCardModel {
  template: 'diagnosis' | 'health' | 'alert';
  layout: number;
  locale: Locale;
  demo: boolean;
  view: HostCardView;
}

export interface RenderedHostCard {
  card: AdaptiveCard;
  model: HostCardModel;
}

export function isCurrentLayout(model: HostCardModel): boolean {
  return model.layout === HOST_CARD_LAYOUT;
}

/**
 * The card of a model with a failover section in its slot. `leads`: the section is more than a proposal (a
 * request, a running or finished failover): it goes first and is the card's next step, the hub's state steps
 * back to one line.
 */
export function renderHostCard(model: HostCardModel, failover: { items: readonly unknown[]; leads: boolean }): AdaptiveCard {
  const items = [...failover.items];
  return expandCard(model.template, {
    ...common(model.locale, model.demo),
    ...model.view,
    failoverSlot: { show: items.length > 0, leads: failover.leads && items.length > 0, items },
  });
}

/** Renders with each budget in turn; the first card under the size limit, with the model it came from. */
export function fittedHostCard(template: HostCardModel['template'], locale: Locale, demo: boolean, failover: readonly unknown[], view: (budget: Budget) => HostCardView): RenderedHostCard {
  const render = (budget: Budget): RenderedHostCard => {
    const model: HostCardModel = { template, layout: HOST_CARD_LAYOUT, locale, demo, view: view(budget) };
    return { model, card: renderHostCard(model, { items: failover, leads: false }) };
  };
  for (const budget of BUDGETS) {
    const rendered = render(budget);
    if (byteSize(rendered.card) < CARD_BYTE_LIMIT) return rendered;
  }
  return render(LAST_BUDGET);
}

/** Whether the card offers a button (the request of a failover), which the next step then points at. */
function offersButtons(input: HealthCardInput): boolean {
  return actionSlot(input.actions).show || ((input.failover ?? []).length > 0 && input.failoverOffered !== false);
}

/** The labels of what the card keeps one click away, each with the id of what it opens. */
function toggle(id: string, label: string, show: boolean): ToggleView {
  return { show, id, label };
}

export function diagnosisCard(input: DiagnosisCardInput): RenderedHostCard {
  const { diagnosis, locale, demo, hub, advice, actions, failover } = input;
  const ui = uiStrings(locale);
  return fittedHostCard('diagnosis', locale, demo, failover ?? [], (budget) => {
    const view = buildDiagnosisView(diagnosis, locale, budget);
    const health = buildHealthSection(hub, locale, budget, 'diagnosis');
    const adviceView = buildAdvice(advice, hub, locale);
    return {
      ...view,
      status: buildHubStatus(hub, locale, budget, 'diagnosis'),
      next: buildNextStep(advice, hub, locale, offersButtons(input), view.steps.first),
      health,
      advice: adviceView,
      actionSlot: actionSlot(actions),
      toggles: {
        steps: toggle('diagnosis-steps', ui.diagnosis.stepsLabel, true),
        sdk: toggle('diagnosis-sdk', ui.diagnosis.sdkRetryHeading, view.sdkRetry.show),
        paste: toggle('diagnosis-paste', ui.diagnosis.contextHeading, view.headline.showSeen || view.headline.showEvidence || view.facts.length > 0 || view.others.show),
        health: toggle('diagnosis-health', ui.health.detailsLabel, health.show),
        advice: toggle('diagnosis-advice', ui.advice.label, adviceView.show),
        support: toggle('diagnosis-support', ui.diagnosis.supportLabel, view.support.show),
      },
    };
  });
}

export function renderDiagnosisCard(input: DiagnosisCardInput): AdaptiveCard {
  return diagnosisCard(input).card;
}

export function healthCard(input: HealthCardInput): RenderedHostCard {
  const { locale, demo, hub, advice, actions, failover } = input;
  const ui = uiStrings(locale);
  return fittedHostCard('health', locale, demo, failover ?? [], (budget) => {
    const health = buildHealthSection(hub, locale, budget, 'health');
    const adviceView = buildAdvice(advice, hub, locale);
    return {
      status: buildHubStatus(hub, locale, budget, 'health'),
      next: buildNextStep(advice, hub, locale, offersButtons(input), ''),
      health,
      advice: adviceView,
      actionSlot: actionSlot(actions),
      toggles: {
        health: toggle('health-details', ui.health.detailsLabel, health.show),
        advice: toggle('health-advice', ui.advice.label, adviceView.show),
      },
    };
  });
}

export function renderHealthCard(input: HealthCardInput): AdaptiveCard {
  return healthCard(input).card;
}

export function renderHelpCard(locale: Locale, demo: boolean): AdaptiveCard {
  const t = uiStrings(locale).help;
  return expandCard('help', {
    ...common(locale, demo),
    pasteItems: t.pasteItems.map((text) => ({ text: `• ${text}` })),
    commands: t.commands.map((c) => ({ command: c.command, text: c.text })),
    toggles: {
      paste: toggle('help-paste', t.pasteHeading, true),
      looksFor: toggle('help-looks-for', t.looksForHeading, true),
      privacy: toggle('help-privacy', t.privacyHeading, true),
    },
  });
}

/** `inputChars`: length of what was read (0 → "the message was empty"). */
export function renderNothingRecognisedCard(locale: Locale, demo: boolean, inputChars: number): AdaptiveCard {
  const t = uiStrings(locale).nothing;
  return expandCard('nothing-recognised', {
    ...common(locale, demo),
    readText: inputChars > 0 ? plural(locale, inputChars, t.read) : t.empty,
    looksFor: t.looksFor.map((text) => ({ text: `• ${text}` })),
  });
}

/** Several hubs, none named: one button per hub (at most 10), each sending "health <hub>". */
export function renderHubChoiceCard(hubs: readonly Hub[], locale: Locale, demo: boolean): AdaptiveCard {
  const choice = hubs.length > 0 ? buildHubChoice(hubs, locale, uiStrings(locale).choice.text) : { ...emptyHubChoice(), show: true, text: uiStrings(locale).choice.none };
  return fitToBudget(
    () => expandCard('hub-choice', { ...common(locale, demo), choice }),
    () => expandCard('hub-choice', { ...common(locale, demo), choice: { ...choice, rows: choice.rows.slice(0, 1) } }),
  );
}

/** A paste that was not read: over the diagnosis budget, or every worker busy. Why, and what to paste instead. */
export function renderPasteTooLongCard(input: { locale: Locale; demo: boolean; reason: 'over-budget' | 'busy'; budgetMs: number }): AdaptiveCard {
  const t = uiStrings(input.locale).tooLong;
  const how = input.reason === 'busy' ? [...t.how, t.busyHow] : t.how;
  return expandCard('paste-too-long', {
    ...common(input.locale, input.demo),
    why: input.reason === 'busy' ? t.busy : plural(input.locale, input.budgetMs / 1000, t.overBudget),
    how: how.map((text) => ({ text: `• ${text}` })),
  });
}

/** A dialog with one sentence of ours (never text from a message): the message action's, the tenant gate's. */
export function renderDialogNoticeCard(text: string): AdaptiveCard {
  return expandCard('dialog-notice', { text });
}

/** Something went wrong: nothing lost, try again. Never carries an error message or a stack. */
export function renderErrorCard(locale: Locale): AdaptiveCard {
  return expandCard('error', common(locale, false));
}
