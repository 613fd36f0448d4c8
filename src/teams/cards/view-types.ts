// The view models the card templates bind to. Every string here is ready to show: our own localised
// text, or an untrusted value already cleaned, cut and escaped. Every field a template reads is always
// present (templating would otherwise print the `${...}` expression itself).
import type { CardAction } from './types.ts';

export interface FactView { title: string; value: string }
export interface LineView { text: string }
export interface LinkView { title: string; url: string }
/** A hub button: imBack of `value` ("health <hub>") so the choice reuses the health command. */
export interface ChoiceView { title: string; value: string }

export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type TextColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

export interface HubChoiceView {
  show: boolean;
  text: string;
  rows: { choices: ChoiceView[] }[];
  showMore: boolean;
  more: string;
}

export interface HealthSectionView {
  show: boolean;
  heading: string;
  ok: {
    show: boolean;
    hubLine: string;
    stateText: string;
    stateColor: TextColor;
    facts: FactView[];
    notes: LineView[];
    eventsHeading: string;
    events: { title: string; detail: string }[];
    showMoreEvents: boolean;
    moreEvents: string;
  };
  unavailable: { show: boolean; showHubLine: boolean; hubLine: string; text: string; help: LineView[]; showDetail: boolean; detail: string };
  unknownHub: { show: boolean; text: string };
  noHub: { show: boolean; text: string };
  /** The hub's health is being looked up: "checking the hub's health…" (the card is updated in place when it answers). */
  checking: { show: boolean; text: string };
  choice: HubChoiceView;
}

export interface AdviceView {
  show: boolean;
  style: ContainerStyle;
  heading: string;
  text: string;
  reasons: LineView[];
  showHint: boolean;
  hint: string;
}

export interface ActionSlotView {
  show: boolean;
  rows: { actions: CardAction[] }[];
}

export interface DiagnosisView {
  headline: {
    codeAndName: string;
    title: string;
    badgeText: string;
    badgeStyle: ContainerStyle;
    verdict: string;
    cause: string;
    showSeen: boolean;
    seen: string;
    showEvidence: boolean;
    evidence: string;
  };
  secrets: { show: boolean; heading: string; body: string };
  truncated: { show: boolean; text: string };
  /** The numbered steps, one markdown ordered list ("1. …\r2. …"). */
  steps: { show: boolean; text: string };
  sdkRetry: { show: boolean; text: string };
  /** The SDK and version the paste shows, and whether that version retries the error found. */
  sdkVersion: { show: boolean; text: string };
  facts: FactView[];
  others: { show: boolean; items: FactView[]; showMore: boolean; more: string };
  support: { show: boolean; lines: LineView[] };
  links: LinkView[];
}
