// Card screenshots for docs/cards/: one PNG per card state and locale, cropped to the rendered card,
// regenerated on every run of the browser suite.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { PROJECT_ROOT } from '#test/support/bot-process.ts';
import type { UiLocale } from './stack.ts';

export const SCREENSHOT_FOLDER = join(PROJECT_ROOT, 'docs', 'cards');

/** Room around a tall card for the page header and the compose box. */
const VIEWPORT_MARGIN = 500;

export type CardState =
  | 'diagnosis'
  | 'diagnosis-caller-side'
  | 'health'
  | 'help'
  | 'proposal'
  | 'awaiting-approval'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'rejected';

/** Saves the card as docs/cards/<state>.<locale>.png and returns the path. */
export async function saveCardScreenshot(card: Locator, state: CardState, locale: UiLocale): Promise<string> {
  await mkdir(SCREENSHOT_FOLDER, { recursive: true });
  const path = join(SCREENSHOT_FOLDER, `${state}.${locale}.png`);
  const page = card.page();
  const viewport = page.viewportSize();
  const box = await card.boundingBox();
  // The conversation scrolls inside the page: a card taller than the viewport would be clipped, so the
  // viewport grows to hold the whole card for the shot and shrinks back afterwards.
  const tallEnough = viewport !== null && box !== null && box.height + VIEWPORT_MARGIN > viewport.height;
  if (tallEnough) await page.setViewportSize({ width: viewport.width, height: Math.ceil(box.height + VIEWPORT_MARGIN) });
  try {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path, animations: 'disabled', caret: 'hide' });
  } finally {
    if (tallEnough) await page.setViewportSize(viewport);
  }
  return path;
}
