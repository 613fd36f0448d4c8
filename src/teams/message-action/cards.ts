// The dialogs of the Diagnose message action: the compact preview (with the "Post diagnosis" button), the
// add-the-bot explanation (just-in-time install), and a one-line notice. The full diagnosis card posted
// into the conversation is the same card a paste gets (replies.ts).
import type { Diagnosis } from '../../diagnosis/types.ts';
import type { Locale } from '../../core/locale.ts';
import { fill, plural, uiStrings } from '../../i18n/index.ts';
import { BUDGETS } from '../cards/budget.ts';
import type { Budget } from '../cards/budget.ts';
import { buildDiagnosisView } from '../cards/diagnosis-view.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { distinct, echoList } from '../cards/lists.ts';
import { expandCard } from '../cards/templates.ts';
import { POST_DIAGNOSIS_INTENT } from './payload.ts';
import type { ConversationPlace } from './payload.ts';

/** A dialog preview is small: a few short values are enough (the posted card has the full detail). */
const PREVIEW_BUDGET: Budget = BUDGETS[2] ?? (BUDGETS[0] as Budget);
const PREVIEW_HUBS = 3;

export interface DiagnosePreviewInput {
  diagnosis: Diagnosis;
  locale: Locale;
  demo: boolean;
  place: ConversationPlace;
}

/** Whether posting the diagnosis says anything: an error was recognised, or a key must be rotated. */
export function hasSomethingToPost(diagnosis: Diagnosis): boolean {
  return diagnosis.findings.length > 0 || diagnosis.secrets.count > 0;
}

function secretsView(diagnosis: Diagnosis, locale: Locale): { show: boolean; heading: string; body: string } {
  const ui = uiStrings(locale);
  const { count, kinds } = diagnosis.secrets;
  if (count <= 0) return { show: false, heading: '', body: '' };
  const names: Readonly<Record<string, string | undefined>> = ui.diagnosis.secretKinds;
  const kindNames = distinct(kinds).map((kind) => names[kind] ?? kind);
  return {
    show: true,
    heading: ui.messageAction.preview.secretsHeading,
    body: fill(plural(locale, count, ui.messageAction.preview.secretsBody), { kinds: kindNames.join(ui.common.listSeparator) }),
  };
}

function hubView(diagnosis: Diagnosis, locale: Locale): { show: boolean; text: string } {
  const hubs = distinct([...diagnosis.context.hubHostNames, ...diagnosis.context.hubNames]);
  if (hubs.length === 0) return { show: false, text: '' };
  const list = echoList(locale, hubs, PREVIEW_HUBS, PREVIEW_BUDGET.valueChars);
  return { show: true, text: fill(uiStrings(locale).messageAction.preview.hub, { hub: list }) };
}

/** The preview: the headline finding (escaped) or "nothing recognised", the key warning, and the button. */
export function renderDiagnosePreviewCard(input: DiagnosePreviewInput): AdaptiveCard {
  const { diagnosis, locale, demo, place } = input;
  const ui = uiStrings(locale);
  const t = ui.messageAction.preview;
  const view = buildDiagnosisView(diagnosis, locale, PREVIEW_BUDGET);
  const others = diagnosis.findings.length - 1;
  const found = diagnosis.findings.length > 0;
  const postable = hasSomethingToPost(diagnosis);
  return expandCard('diagnose-preview', {
    t: ui,
    demo,
    found: { show: found },
    headline: view.headline,
    others: { show: others > 0, text: others > 0 ? plural(locale, others, t.moreFindings) : '' },
    hub: hubView(diagnosis, locale),
    nothing: {
      show: !found,
      readText: diagnosis.inputChars > 0 ? plural(locale, diagnosis.inputChars, ui.nothing.read) : ui.nothing.empty,
      showHint: !postable,
    },
    secrets: secretsView(diagnosis, locale),
    post: { show: postable, where: place === 'channel' ? t.whereChannel : t.whereChat, intent: POST_DIAGNOSIS_INTENT },
  });
}

/** The bot is not in this conversation: why it must be, how to add it, and Teams' just-in-time install button. */
export function renderAddBotCard(locale: Locale, place: ConversationPlace): AdaptiveCard {
  const ui = uiStrings(locale);
  const t = ui.messageAction.addBot;
  const team = place === 'channel';
  return expandCard('add-bot', {
    t: ui,
    why: team ? t.whyTeam : t.whyChat,
    steps: (team ? t.stepsTeam : t.stepsChat).map((text) => ({ text: `• ${text}` })),
    button: team ? t.buttonTeam : t.buttonChat,
  });
}
