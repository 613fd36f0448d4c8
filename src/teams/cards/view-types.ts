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

/** Something the card keeps one click away: the label that opens it and the id of what it opens. */
export interface ToggleView {
  show: boolean;
  /** Id of the hidden container (its label row uses `<id>-open` and `<id>-closed`); unique in the card. */
  id: string;
  label: string;
}

/** The hub's state on the first screen (cards/parts/hub-status.json). */
export interface HubStatusView {
  /** The hub is in trouble (or this is the health card): its state is the headline, in colour. */
  headline: { show: boolean; style: ContainerStyle; text: string; color: TextColor; showIncident: boolean; incident: string };
  /** Otherwise one line: the hub and its state in colour, or why there is no state (`subtle`: nothing is wrong, nothing was checked). */
  line: { show: boolean; text: string; color: TextColor; subtle: boolean };
  /** Facts that change what can be done (disaster recovery disabled). */
  notes: LineView[];
  /** What to do about a health lookup that failed (the health card's first screen). */
  help: LineView[];
}

/** The hub's health in full, behind its label (cards/parts/health-section.json), and the hub choice. */
export interface HealthSectionView {
  show: boolean;
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
  /** Several hubs could be the one: buttons to pick one (on the first screen). */
  choice: HubChoiceView;
}

/** The failover advice in full, behind its label (cards/parts/advice-section.json). */
export interface AdviceView {
  show: boolean;
  style: ContainerStyle;
  text: string;
  reasons: LineView[];
}

/** The one next step (cards/parts/next-step.json). */
export interface NextStepView {
  show: boolean;
  text: string;
  /** Why a failover is impossible, when that is the point. */
  reasons: LineView[];
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
    badgeColor: TextColor;
    verdict: string;
    cause: string;
    showSeen: boolean;
    seen: string;
    showEvidence: boolean;
    evidence: string;
  };
  secrets: { show: boolean; heading: string; body: string };
  truncated: { show: boolean; text: string };
  /** The numbered steps, one markdown ordered list ("1. …\r2. …"), and the first one alone (the next step when the advice has none). */
  steps: { show: boolean; text: string; first: string };
  sdkRetry: { show: boolean; text: string };
  /** The SDK and version the paste shows, and whether that version retries the error found. */
  sdkVersion: { show: boolean; text: string };
  facts: FactView[];
  others: { show: boolean; items: FactView[]; showMore: boolean; more: string };
  support: { show: boolean; lines: LineView[] };
  links: LinkView[];
}
