// What an engineer sees of a card in the playground before scrolling or clicking: its height as first shown,
// where a text sits on it and whether it is in sight, and the card with everything it keeps one click away
// opened (its toggles, and the forms its buttons open under themselves).
import type { Locator } from 'playwright-core';

export interface Box {
  top: number;
  bottom: number;
}

/** The card's height in CSS pixels once its layout has settled (two equal reads in a row). */
export async function settledHeight(card: Locator): Promise<number> {
  let last = -1;
  for (let read = 0; read < 20; read += 1) {
    const box = await card.boundingBox();
    if (box === null) throw new Error('the card is not rendered');
    if (box.height === last) return box.height;
    last = box.height;
    await card.page().waitForTimeout(100);
  }
  return last;
}

/**
 * A pattern for a text as the page shows it: the browser collapses runs of white space (and French no-break
 * spaces) into one space, and markdown marks are not shown.
 */
export function shownPattern(expected: string | RegExp): RegExp {
  if (expected instanceof RegExp) return new RegExp(expected.source.replace(/ /g, '\\s+'), expected.flags);
  const words = expected.replace(/\*\*/g, '').trim().split(/\s+/);
  return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
}

/** The innermost elements of the card showing the text (a TextBlock, a fact, a button). */
export function textOnCard(card: Locator, expected: string | RegExp): Locator {
  return card.getByText(shownPattern(expected));
}

/** Where the first element showing the text is, relative to the card's top; null when none is in sight. */
export async function boxOnCard(card: Locator, expected: string | RegExp): Promise<Box | null> {
  const found = textOnCard(card, expected);
  const count = await found.count();
  const cardBox = await card.boundingBox();
  if (cardBox === null) throw new Error('the card is not rendered');
  for (let index = 0; index < count; index += 1) {
    const element = found.nth(index);
    if (!(await element.isVisible())) continue;
    const box = await element.boundingBox();
    if (box !== null) return { top: box.y - cardBox.y, bottom: box.y + box.height - cardBox.y };
  }
  return null;
}

/** A card button or toggle label, by the title it shows. */
export function control(card: Locator, title: string): Locator {
  return card.getByRole('button', { name: shownPattern(title) }).first();
}

/** The chevron of a toggle label that is closed. */
const CLOSED_CHEVRON = '▸';

/**
 * Opens everything the card keeps one click away that is not open yet: every toggle label (a selectable row
 * that controls hidden elements) and every button that opens a form under itself (Action.ShowCard).
 */
export async function openEverything(card: Locator): Promise<number> {
  let opened = 0;
  const labels = card.locator('[role="button"][aria-controls]');
  for (let index = 0; index < (await labels.count()); index += 1) {
    const label = labels.nth(index);
    // A closed label shows "▸", an open one "▾" (cards/parts/toggle-label.json): one opened already (by a test
    // that checked what it reveals) is left open.
    if (!(await label.innerText()).trimStart().startsWith(CLOSED_CHEVRON)) continue;
    await label.click();
    opened += 1;
  }
  const forms = card.locator('button[aria-expanded="false"]');
  for (let left = await forms.count(); left > 0 && (await forms.count()) > 0; left -= 1) {
    await forms.first().click();
    opened += 1;
  }
  return opened;
}
