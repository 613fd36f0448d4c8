// Card screenshots: one PNG per card state and locale, cropped to the rendered card. Every run of the browser
// suite takes them (a card that cannot be shot fails its test); where they go depends on the run:
// - an ordinary run (`npm test`, CI) writes them to a temporary folder and leaves the working tree alone;
// - `npm run screenshots` (CARD_SCREENSHOTS=docs) refreshes the README's pictures in docs/cards/, rewriting
//   a picture only when the card looks different: text that changes on every run (times, durations, counts,
//   generated ids) is left out of the comparison, everything else must match pixel for pixel.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator } from 'playwright-core';
import { PROJECT_ROOT } from '#test/support/bot-process.ts';
import type { UiLocale } from './stack.ts';

export const SCREENSHOT_FOLDER = join(PROJECT_ROOT, 'docs', 'cards');
const SCRATCH_FOLDER = join(tmpdir(), 'iothub-oncall-cards');
const WRITE_DOCS = process.env.CARD_SCREENSHOTS === 'docs';

/** Room around a tall card for the page header and the compose box. */
const VIEWPORT_MARGIN = 500;

/** Text that differs from one run to the next, by its shape (the card's values, not its wording). */
const VOLATILE_TEXT = [
  /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, // a time
  /^\d+ (h|min) \d+ (min|s)$/, // a duration
  /^\d+$/, // a count
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, // a generated id (ARM request id)
  /^\S+…\S+$/, // an abbreviated id (ARM operation id)
];

/** Room around volatile text for anti-aliasing, in CSS pixels. */
const VOLATILE_MARGIN = 2;

/** Every card kind (test/browser/support/card-gallery.ts), in docs/cards/ as <state>.<locale>.png and <state>.expanded.<locale>.png. */
export type CardState =
  | 'diagnosis'
  | 'diagnosis-healthy-hub'
  | 'diagnosis-caller-side'
  | 'diagnosis-device-offline'
  | 'diagnosis-not-iothub'
  | 'health'
  | 'health-available'
  | 'help'
  | 'hub-choice'
  | 'nothing-recognised'
  | 'paste-too-long'
  | 'awaiting-approval'
  | 'approver-view'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'status'
  | 'audit'
  | 'alert'
  | 'alert-updated'
  | 'alert-recovered'
  | 'alert-metric'
  | 'alert-service-health'
  | 'alert-subscribed';

/** A card as first shown, or with everything it keeps one click away opened. */
export type CardView = 'first-screen' | 'expanded';

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The page's DOM, as far as these functions run in it (the project's TypeScript has no DOM lib).
interface DomRect {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  getBoundingClientRect(): DomRect;
}
interface DomWindow {
  devicePixelRatio: number;
  document: {
    createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null };
    createRange(): { selectNodeContents(node: DomNode): void; getClientRects(): Iterable<DomRect> };
  };
}
interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
interface CanvasWindow {
  Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => { getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): Pixels } };
}

/** Where the card's volatile text is, in the screenshot's pixels. */
function volatileAreas(card: Locator): Promise<Area[]> {
  const patterns = VOLATILE_TEXT.map((pattern) => [pattern.source, pattern.flags]);
  return card.evaluate(
    (root, { patterns, margin }) => {
      const web = globalThis as unknown as DomWindow;
      const volatile = patterns.map(([source, flags]) => new RegExp(source ?? '', flags));
      const origin = (root as unknown as DomElement).getBoundingClientRect();
      const scale = web.devicePixelRatio;
      const areas: Area[] = [];
      const SHOW_TEXT = 4;
      const walker = web.document.createTreeWalker(root as unknown as DomElement, SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === '' || !volatile.some((pattern) => pattern.test(text))) continue;
        const range = web.document.createRange();
        range.selectNodeContents(node);
        // To the card's right edge: the same kind of value is not always as wide (an id, a count).
        for (const rect of range.getClientRects()) {
          areas.push({
            x: (rect.left - origin.left - margin) * scale,
            y: (rect.top - origin.top - margin) * scale,
            width: (origin.left + origin.width - rect.left + margin) * scale,
            height: (rect.height + 2 * margin) * scale,
          });
        }
      }
      return areas;
    },
    { patterns, margin: VOLATILE_MARGIN },
  );
}

/** Whether two PNGs show the same picture outside the given areas (decoded by the browser). */
async function samePicture(context: BrowserContext, before: Buffer, after: Buffer, ignored: readonly Area[]): Promise<boolean> {
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async ({ before, after, ignored }) => {
        const web = globalThis as unknown as CanvasWindow;
        const decode = async (base64: string): Promise<Pixels> => {
          const image = new web.Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = new web.OffscreenCanvas(image.width, image.height);
          const drawing = canvas.getContext('2d');
          drawing.drawImage(image, 0, 0);
          return drawing.getImageData(0, 0, image.width, image.height);
        };
        const [a, b] = [await decode(before), await decode(after)];
        if (a.width !== b.width || a.height !== b.height) return false;
        const isIgnored = (x: number, y: number): boolean => ignored.some((area) => x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height);
        for (let index = 0; index < a.data.length; index += 4) {
          const same = a.data[index] === b.data[index] && a.data[index + 1] === b.data[index + 1] && a.data[index + 2] === b.data[index + 2] && a.data[index + 3] === b.data[index + 3];
          if (!same && !isIgnored((index / 4) % a.width, Math.floor(index / 4 / a.width))) return false;
        }
        return true;
      },
      { before: before.toString('base64'), after: after.toString('base64'), ignored },
    );
  } finally {
    await page.close();
  }
}

/** Shoots the card whole (the viewport grows for a card taller than it, then shrinks back). */
async function shoot(card: Locator): Promise<{ picture: Buffer; volatile: Area[] }> {
  const page = card.page();
  const viewport = page.viewportSize();
  const box = await card.boundingBox();
  // The conversation scrolls inside the page: a card taller than the viewport would be clipped.
  const tallEnough = viewport !== null && box !== null && box.height + VIEWPORT_MARGIN > viewport.height;
  if (tallEnough) await page.setViewportSize({ width: viewport.width, height: Math.ceil(box.height + VIEWPORT_MARGIN) });
  try {
    await card.scrollIntoViewIfNeeded();
    const picture = await card.screenshot({ animations: 'disabled', caret: 'hide' });
    return { picture, volatile: await volatileAreas(card) };
  } finally {
    if (tallEnough) await page.setViewportSize(viewport);
  }
}

/**
 * Saves the card as <state>.<locale>.png (as first shown) or <state>.expanded.<locale>.png and returns the path:
 * in docs/cards/ under `npm run screenshots` (left as it is when the card looks the same), in a temporary
 * folder otherwise.
 */
export async function saveCardScreenshot(card: Locator, state: CardState, locale: UiLocale, view: CardView = 'first-screen'): Promise<string> {
  return savePicture(card, WRITE_DOCS ? SCREENSHOT_FOLDER : SCRATCH_FOLDER, `${state}${view === 'expanded' ? '.expanded' : ''}.${locale}.png`);
}

/** Shoots the card into folder/fileName; in docs, a picture that looks the same is left as it is. */
async function savePicture(card: Locator, folder: string, fileName: string): Promise<string> {
  const { picture, volatile } = await shoot(card);
  await mkdir(folder, { recursive: true });
  const path = join(folder, fileName);
  if (WRITE_DOCS) {
    const committed = await readFile(path).catch(() => null);
    if (committed !== null && (await samePicture(card.page().context(), committed, picture, volatile))) return path;
  }
  await writeFile(path, picture);
  return path;
}

/** The demo walk-through's steps, as the README shows them (docs/demo/). */
export type DemoStep = 'proposal' | 'requested' | 'approved-running' | 'succeeded';

export const DEMO_SCREENSHOT_FOLDER = join(PROJECT_ROOT, 'docs', 'demo');

/** Saves a card of the demo walk-through as <n>-<step>.png: in docs/demo/ under `npm run screenshots`, else a temporary folder. */
export async function saveDemoScreenshot(card: Locator, step: DemoStep, index: number): Promise<string> {
  return savePicture(card, WRITE_DOCS ? DEMO_SCREENSHOT_FOLDER : join(SCRATCH_FOLDER, 'demo'), `${index}-${step}.png`);
}
