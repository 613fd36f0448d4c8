// ALLOWED_TENANT_IDS: activities from any other Entra tenant run no turn logic — no diagnosis, no health
// lookup, no card action, no store access. What they get back says nothing about the bot's setup:
// - a message, or any other activity: no answer at all (no outbound call to an organisation the bot does
//   not serve);
// - a card action: a card with one sentence, in the invoke's answer;
// - the Diagnose message action: a dialog with that sentence;
// - any other invoke: HTTP 403.
// The tenant is read from channelData.tenant.id and conversation.tenantId (Teams sends both); an activity
// that names none, or names one outside the list, is refused. Each refusal is one log line with the tenant id.
import { CardFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { selectLocale } from '../../core/locale.ts';
import { uiStrings } from '../../i18n/index.ts';
import type { Logger } from '../../log.ts';
import type { TurnLogic } from './adapter.ts';
import { renderDialogNoticeCard } from '../cards/index.ts';
import { loggableName } from './turn-observer.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function textAt(value: unknown, ...path: string[]): string | null {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return null;
    node = Reflect.get(node, key);
  }
  return typeof node === 'string' && node !== '' ? node : null;
}

/** The tenant ids an activity names (lower case, each once). */
export function tenantsOf(activity: Partial<Activity>): string[] {
  const named = [textAt(activity.channelData, 'tenant', 'id'), textAt(activity.conversation, 'tenantId')];
  return [...new Set(named.filter((id): id is string => id !== null).map((id) => id.toLowerCase()))];
}

/** For a log line: a GUID as is, anything else (a client's free text) only as "(not a GUID)". */
function loggableTenant(id: string | undefined): string | null {
  if (id === undefined) return null;
  return GUID.test(id) ? id : '(not a GUID)';
}

async function refuse(turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  if (activity.type !== 'invoke') return;
  const strings = uiStrings(selectLocale(activity.locale));
  const card = renderDialogNoticeCard(strings.tenantRefused);
  let answer: { status: number; body?: unknown };
  if (activity.name === 'adaptiveCard/action') {
    answer = { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
  } else if (activity.name === 'composeExtension/fetchTask' || activity.name === 'composeExtension/submitAction') {
    const dialog = { title: strings.messageAction.dialogTitle, width: 'medium', height: 'small', card: CardFactory.adaptiveCard(card) };
    answer = { status: 200, body: { task: { type: 'continue', value: dialog } } };
  } else {
    answer = { status: 403 };
  }
  await turn.sendActivity({ type: 'invokeResponse', value: answer });
}

/** Wraps the turn logic: with an allow-list, turns from other tenants are refused before they start. */
export function tenantGate(allowedTenantIds: readonly string[], logger: Logger, next: TurnLogic): TurnLogic {
  if (allowedTenantIds.length === 0) return next;
  const allowed = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  const log = logger.child({ component: 'tenant-gate' });
  return async (turn) => {
    const named = tenantsOf(turn.activity);
    if (named.length > 0 && named.every((id) => allowed.has(id))) return next(turn);
    const activity = turn.activity;
    log.warn(
      {
        tenantId: loggableTenant(named.find((id) => !allowed.has(id)) ?? named[0]),
        activityId: activity.id ?? null,
        activityType: loggableName(activity.type),
        ...(activity.type === 'invoke' ? { invokeName: loggableName(activity.name) } : {}),
      },
      'activity refused: its tenant is not in ALLOWED_TENANT_IDS',
    );
    await refuse(turn);
  };
}
