// Reading Adaptive Card JSON as the bot sent it (from the websocket frames): its Action.Execute buttons and
// its text, for predicates that must not depend on how the playground lays the card out.

export type Json = Record<string, unknown>;

export interface ExecuteAction {
  verb: string;
  data: Json;
  title?: string;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function walk(node: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!isObject(node)) return;
  visit(node);
  for (const value of Object.values(node)) walk(value, visit);
}

/** Every Action.Execute of a card, wherever it sits (actions, ActionSets, ShowCard cards). */
export function executeActions(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute' && typeof node.verb === 'string') {
      found.push({ verb: node.verb, data: isObject(node.data) ? node.data : {}, ...(typeof node.title === 'string' ? { title: node.title } : {}) });
    }
  });
  return found;
}

/** The card's visible strings (TextBlock and TextRun texts, fact titles and values, action titles), joined by newlines. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (node) => {
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') parts.push(node.text);
    if (node.type === undefined && typeof node.title === 'string' && typeof node.value === 'string') parts.push(`${node.title} ${node.value}`);
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string') parts.push(node.title);
  });
  return parts.join('\n');
}
