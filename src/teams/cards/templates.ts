// Loads the card templates of cards/ once, resolves their partials, and expands them with
// adaptivecards-templating.
// Only the templates' own `${...}` are evaluated: values in the data are inserted as they are, never parsed
// as expressions (a paste containing `${...}` stays text).
// The package's root typings pull in the TypeScript sources of adaptivecards (which do not compile
// under this project's settings); the engine module alone has clean typings.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import diagnosis from '../../../cards/diagnosis.json' with { type: 'json' };
import health from '../../../cards/health.json' with { type: 'json' };
import help from '../../../cards/help.json' with { type: 'json' };
import nothingRecognised from '../../../cards/nothing-recognised.json' with { type: 'json' };
import hubChoice from '../../../cards/hub-choice.json' with { type: 'json' };
import error from '../../../cards/error.json' with { type: 'json' };
import diagnosePreview from '../../../cards/diagnose-preview.json' with { type: 'json' };
import addBot from '../../../cards/add-bot.json' with { type: 'json' };
import dialogNotice from '../../../cards/dialog-notice.json' with { type: 'json' };
import pasteTooLong from '../../../cards/paste-too-long.json' with { type: 'json' };
import demoBanner from '../../../cards/parts/demo-banner.json' with { type: 'json' };
import healthSection from '../../../cards/parts/health-section.json' with { type: 'json' };
import adviceSection from '../../../cards/parts/advice-section.json' with { type: 'json' };
import hubChoices from '../../../cards/parts/hub-choices.json' with { type: 'json' };
import actionSlot from '../../../cards/parts/action-slot.json' with { type: 'json' };
import failoverSlot from '../../../cards/parts/failover-slot.json' with { type: 'json' };
import failoverSection from '../../../cards/parts/failover-section.json' with { type: 'json' };
import toggleLabel from '../../../cards/parts/toggle-label.json' with { type: 'json' };
import hubStatus from '../../../cards/parts/hub-status.json' with { type: 'json' };
import nextStep from '../../../cards/parts/next-step.json' with { type: 'json' };
import failover from '../../../cards/failover.json' with { type: 'json' };
import failoverForm from '../../../cards/failover-form.json' with { type: 'json' };
import failoverNotice from '../../../cards/failover-notice.json' with { type: 'json' };
import failoverStatus from '../../../cards/failover-status.json' with { type: 'json' };
import failoverAudit from '../../../cards/failover-audit.json' with { type: 'json' };
import alert from '../../../cards/alert.json' with { type: 'json' };
import alertNotice from '../../../cards/alert-notice.json' with { type: 'json' };
import type { AdaptiveCard } from './types.ts';

const partials: Readonly<Record<string, unknown>> = {
  'demo-banner': demoBanner,
  'health-section': healthSection,
  'advice-section': adviceSection,
  'hub-choices': hubChoices,
  'action-slot': actionSlot,
  'failover-slot': failoverSlot,
  'failover-section': failoverSection,
  'toggle-label': toggleLabel,
  'hub-status': hubStatus,
  'next-step': nextStep,
};

export const CARD_TEMPLATES = {
  diagnosis,
  health,
  help,
  'nothing-recognised': nothingRecognised,
  'hub-choice': hubChoice,
  error,
  'diagnose-preview': diagnosePreview,
  'add-bot': addBot,
  'dialog-notice': dialogNotice,
  'paste-too-long': pasteTooLong,
  failover,
  'failover-form': failoverForm,
  'failover-notice': failoverNotice,
  'failover-status': failoverStatus,
  'failover-audit': failoverAudit,
  alert,
  'alert-notice': alertNotice,
} as const;

export type CardName = keyof typeof CARD_TEMPLATES;

/**
 * A template with its partials inlined: `{ "$partial": "name" }` is replaced by cards/parts/name.json
 * (recursively), and `$comment` keys (notes for template authors) are dropped. Keys written next to
 * `$partial` (a `$when`, an `id`) replace the partial's own: one part can sit in two places of a card.
 * Returns a fresh copy.
 */
export function resolvePartials(node: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item: unknown) => resolvePartials(item, seen));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const partialName = record['$partial'];
  if (typeof partialName === 'string') {
    const partial = partials[partialName];
    if (partial === undefined) throw new Error(`card template: unknown partial "${partialName}"`);
    if (seen.includes(partialName)) throw new Error(`card template: partial "${partialName}" includes itself`);
    const { $partial: _name, ...overrides } = record;
    const resolved = resolvePartials(partial, [...seen, partialName]);
    return Object.keys(overrides).length === 0 ? resolved : { ...(resolved as Record<string, unknown>), ...(resolvePartials(overrides, seen) as Record<string, unknown>) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== '$comment') out[key] = resolvePartials(value, seen);
  }
  return out;
}

// Every template is parsed once, when the module loads (Template prepares its expressions in the
// constructor): no turn pays for it.
const loaded = new Map<CardName, Template>(
  Object.keys(CARD_TEMPLATES).map((name) => [name as CardName, new Template(resolvePartials(CARD_TEMPLATES[name as CardName]))]),
);

function template(name: CardName): Template {
  const found = loaded.get(name);
  if (found === undefined) throw new Error(`card template: unknown template "${name}"`);
  return found;
}

/** Expands a card template with a view model (the template's `$root`). */
export function expandCard(name: CardName, data: object): AdaptiveCard {
  const expanded: unknown = template(name).expand({ $root: data });
  if (!isAdaptiveCard(expanded)) throw new Error(`card template "${name}" did not expand to an Adaptive Card 1.5`);
  return expanded;
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Record<string, unknown>;
  return card['type'] === 'AdaptiveCard' && card['version'] === '1.5' && Array.isArray(card['body']);
}
