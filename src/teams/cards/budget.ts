// The size guard. Teams (and the connectors in between) reject or truncate big messages; 28,000 bytes
// of UTF-8 JSON is the budget every card keeps whatever was pasted. A card is first rendered with
// generous limits; while it is too big it is rendered again with the next, tighter set. The support
// block is the last thing to lose detail: it is what the engineer copies into a ticket.

export const CARD_BYTE_LIMIT = 28_000;

export interface Budget {
  /** Findings listed besides the headline. */
  otherFindings: number;
  /** Values shown per context fact (devices, tracking ids…). */
  listItems: number;
  /** Longest echoed value, in code points. */
  valueChars: number;
  /** Longest text coming back from Azure (health summary, event title). */
  azureTextChars: number;
  /** Evidence snippets on the headline. */
  evidence: number;
  /** Service Health events shown. */
  events: number;
  /** Subscriptions named on the unknown-hub section. */
  subscriptions: number;
  /** Values per line of the support block, and how much of it is kept. */
  supportItems: number;
  support: 'full' | 'short' | 'minimal';
  /** Whether the extracted-context facts are shown at all. */
  contextFacts: boolean;
}

export const BUDGETS: readonly Budget[] = [
  { otherFindings: 10, listItems: 5, valueChars: 200, azureTextChars: 500, evidence: 3, events: 5, subscriptions: 10, supportItems: 10, support: 'full', contextFacts: true },
  { otherFindings: 6, listItems: 3, valueChars: 120, azureTextChars: 300, evidence: 2, events: 3, subscriptions: 5, supportItems: 3, support: 'full', contextFacts: true },
  { otherFindings: 3, listItems: 2, valueChars: 80, azureTextChars: 200, evidence: 1, events: 2, subscriptions: 3, supportItems: 2, support: 'full', contextFacts: true },
  { otherFindings: 1, listItems: 1, valueChars: 60, azureTextChars: 150, evidence: 0, events: 1, subscriptions: 2, supportItems: 1, support: 'short', contextFacts: true },
  { otherFindings: 0, listItems: 1, valueChars: 40, azureTextChars: 100, evidence: 0, events: 1, subscriptions: 1, supportItems: 1, support: 'minimal', contextFacts: false },
];

export function byteSize(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Renders with each budget in turn and returns the first result under the limit. When even the last
 * budget is too big (not expected: every echoed value is bounded), `lastResort` is rendered instead.
 */
export function fitToBudget<T>(render: (budget: Budget) => T, lastResort: () => T, limit: number = CARD_BYTE_LIMIT): T {
  for (const budget of BUDGETS) {
    const card = render(budget);
    if (byteSize(card) < limit) return card;
  }
  return lastResort();
}
