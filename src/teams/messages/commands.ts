// A message is either one of the few commands (the whole message, one line) or a paste to diagnose.
import type { HubQuery } from '../../diagnosis/hub.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'health'; hub: HubQuery | null }
  | { kind: 'status' }
  | { kind: 'audit'; hub: HubQuery | null }
  | { kind: 'subscribe'; hub: HubQuery | null }
  | { kind: 'unsubscribe'; hub: HubQuery | null }
  | { kind: 'subscriptions' }
  | { kind: 'demo-alert'; hub: HubQuery | null }
  | { kind: 'diagnose'; text: string };

export type CommandKind = Command['kind'];

/** The commands of Azure Monitor alerts (src/teams/alerts/ handles them). */
export type AlertCommandKind = 'subscribe' | 'unsubscribe' | 'subscriptions' | 'demo-alert';

const HELP_WORDS = new Set(['help', 'aide', '?', 'aide-moi', 'hello', 'hi', 'bonjour', 'salut']);
const HEALTH_WORDS = new Set(['health', 'santé', 'sante', 'état', 'etat']);
const STATUS_WORDS = new Set(['status', 'statut']);
const AUDIT_WORDS = new Set(['audit', 'journal']);
const SUBSCRIBE_WORDS = new Set(['subscribe', 'abonner']);
const UNSUBSCRIBE_WORDS = new Set(['unsubscribe', 'désabonner', 'desabonner']);
const SUBSCRIPTIONS_WORDS = new Set(['subscriptions', 'abonnements']);

const RESOURCE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourcegroups\/[-\w._()]{1,90}\/providers\/microsoft\.devices\/iothubs\/[a-z0-9-]{3,50}$/i;
const HOST_NAME = /^(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const HUB_NAME = /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/i;

/** A hub as typed after a command: an ARM resource id, a host name (or https URL of one) or a bare hub name. */
export function parseHubArgument(argument: string): HubQuery | null {
  // Teams may wrap a typed host name in <…> or turn it into a link; keep the bare value.
  let value = argument.trim().replace(/^<(.*)>$/, '$1').replace(/^["'`](.*)["'`]$/, '$1');
  if (RESOURCE_ID.test(value)) return { kind: 'resourceId', value };
  if (/^https?:\/\//i.test(value)) {
    try {
      value = new URL(value).hostname;
    } catch {
      return null;
    }
  }
  value = value.replace(/(?<!\/)\/+$/, '');
  if (value.includes('.') && HOST_NAME.test(value)) return { kind: 'hostName', value: value.toLowerCase() };
  if (HUB_NAME.test(value)) return { kind: 'name', value: value.toLowerCase() };
  return null;
}

/**
 * The command a message is, or a paste to diagnose. A command is the whole message on one line: a paste
 * that merely starts with "health" or "help" is still a paste.
 */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help' };
  if (trimmed.length > 400 || trimmed.includes('\n')) return { kind: 'diagnose', text: trimmed };
  const words = trimmed.replace(/^\//, '').split(/\s+/);
  const verb = (words[0] ?? '').toLowerCase().normalize('NFC');
  const argument = words.length === 2 ? (words[1] ?? '') : null;

  if (words.length === 1 && HELP_WORDS.has(verb)) return { kind: 'help' };
  if (words.length === 1 && STATUS_WORDS.has(verb)) return { kind: 'status' };
  if (HEALTH_WORDS.has(verb) && words.length <= 2) {
    if (argument === null) return { kind: 'health', hub: null };
    const hub = parseHubArgument(argument);
    if (hub) return { kind: 'health', hub };
  }
  if (AUDIT_WORDS.has(verb) && words.length <= 2) {
    if (argument === null) return { kind: 'audit', hub: null };
    const hub = parseHubArgument(argument);
    if (hub) return { kind: 'audit', hub };
  }
  if ((SUBSCRIBE_WORDS.has(verb) || UNSUBSCRIBE_WORDS.has(verb)) && words.length <= 2) {
    const kind = SUBSCRIBE_WORDS.has(verb) ? 'subscribe' : 'unsubscribe';
    if (argument === null) return { kind, hub: null };
    const hub = parseHubArgument(argument);
    if (hub) return { kind, hub };
  }
  if (words.length === 1 && SUBSCRIPTIONS_WORDS.has(verb)) return { kind: 'subscriptions' };
  const second = (words[1] ?? '').toLowerCase();
  if ((verb === 'demo' || verb === 'démo') && (second === 'alert' || second === 'alerte') && words.length <= 3) {
    if (words.length === 2) return { kind: 'demo-alert', hub: null };
    const hub = parseHubArgument(words[2] ?? '');
    if (hub) return { kind: 'demo-alert', hub };
  }
  return { kind: 'diagnose', text: trimmed };
}

/** One handler per command, all of them: the table is built once, at start. */
export type CommandHandlers<Context> = {
  [K in CommandKind]: (context: Context, command: Extract<Command, { kind: K }>) => Promise<void>;
};

export async function routeCommand<Context>(command: Command, handlers: CommandHandlers<Context>, context: Context): Promise<void> {
  switch (command.kind) {
    case 'help':
      return handlers.help(context, command);
    case 'health':
      return handlers.health(context, command);
    case 'status':
      return handlers.status(context, command);
    case 'audit':
      return handlers.audit(context, command);
    case 'subscribe':
      return handlers.subscribe(context, command);
    case 'unsubscribe':
      return handlers.unsubscribe(context, command);
    case 'subscriptions':
      return handlers.subscriptions(context, command);
    case 'demo-alert':
      return handlers['demo-alert'](context, command);
    case 'diagnose':
      return handlers.diagnose(context, command);
  }
}
