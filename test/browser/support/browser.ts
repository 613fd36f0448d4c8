// Debian's Chromium, headless, driving the playground's web client. Selectors the suite relies on (0.2.28):
// compose box `[data-lexical-editor="true"]` (in a channel the first one is "Start a new post"), rendered cards
// `.ac-adaptiveCard` (the outermost ones), card buttons and toggle labels role=button named by their title,
// mention suggestions role=menuitem.
import { chromium } from 'playwright-core';
import { uiStrings } from '#src/i18n/index.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { recordFrames } from './frames.ts';
import type { FrameRecorder } from './frames.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a UI step may take before the test fails (the bot answers within its health budget). */
export const UI_TIMEOUT_MS = 20_000;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export type CardMatch = string | RegExp | ((text: string) => boolean);

export interface WaitForCardOptions {
  /** Only cards at this position or later count (e.g. the card count before sending). */
  fromIndex?: number;
  timeoutMs?: number;
  /**
   * Also match a card still checking the hub's health (it is completed in place a moment later). Default
   * false: a card is matched as it finally stands.
   */
  whileChecking?: boolean;
}

/** "Checking the hub's health…", in both languages: a card that says so is about to be updated in place. */
const CHECKING_LINES = [uiStrings('en').health.checking, uiStrings('fr').health.checking].map((line) => line.replace(/\s+/g, ' '));

function isChecking(text: string): boolean {
  const flat = text.replace(/\s+/g, ' ');
  return CHECKING_LINES.some((line) => flat.includes(line));
}

export interface PlaygroundPage {
  readonly page: Page;
  readonly frames: FrameRecorder;
  /** Browser console errors and page errors. */
  readonly consoleLines: readonly string[];
  openPersonalChat(): Promise<void>;
  openChannel(name: string): Promise<void>;
  /** Pastes the text into the personal chat's compose box and sends it. */
  sendPersonalMessage(text: string): Promise<void>;
  /**
   * Starts a new post in the open channel: mentions the bot (typed `@` + name start, suggestion clicked), pastes
   * the text, posts, and resolves once the post is shown (then `onPostShown` is told its thread).
   */
  postInChannel(text: string, botName: string): Promise<void>;
  /** All rendered cards, in conversation order. */
  cards(): Locator;
  cardCount(): Promise<number>;
  /** The last rendered card whose text matches; fails after the timeout listing the cards it saw. */
  waitForCard(match: CardMatch, options?: WaitForCardOptions): Promise<Locator>;
  /** Clicks a card button as the current user (Action.Execute → adaptiveCard/action invoke). */
  clickCardButton(card: Locator, title: string): Promise<void>;
  /** Types into a card input found by its label or placeholder. */
  fillCardInput(card: Locator, labelOrPlaceholder: string, text: string): Promise<void>;
}

function matches(match: CardMatch, text: string): boolean {
  if (typeof match === 'string') return text.includes(match);
  if (match instanceof RegExp) return match.test(text);
  return match(text);
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}

export interface PlaygroundPageOptions {
  /** `browserLocale` only localises the browser; the playground still sends en-US activities (see bot-front.ts). */
  browserLocale: string;
  /** Called with the thread of a new channel post (`<channel>;messageid=<post>`) once the page shows the post. */
  onPostShown(threadId: string): void;
}

/** Where the web client POSTs a message it sends (a channel post, a chat message). */
export const SENT_MESSAGE_PATH = /\/_conversation\/v1\/conversations\/[^/]+\/messages$/;

/** The playground's answer to the web client's POST of a message: a new channel post has its thread's id. */
export function postedThread(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('postConversationId' in body)) return null;
  return typeof body.postConversationId === 'string' ? body.postConversationId : null;
}

export async function openPlaygroundPage(browser: Browser, playgroundUrl: string, options: PlaygroundPageOptions): Promise<PlaygroundPage> {
  const { browserLocale, onPostShown } = options;
  // 1.5× pixels: crisp card screenshots without doubling their size in the repository.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1.5, locale: browserLocale, timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  // Offline: the client references a few web fonts/CDN assets; fail them at once instead of waiting on DNS.
  await page.route((url) => !isLoopback(url), (route) => route.abort('internetdisconnected'));
  const frames = recordFrames(page);
  const consoleLines: string[] = [];
  page.on('console', (message) => {
    // Requests to the internet are aborted on purpose (offline); their console errors are noise.
    const offlineNoise = /ERR_INTERNET_DISCONNECTED|\(Network error\)/.test(message.text());
    if (message.type() === 'error' && !offlineNoise) consoleLines.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.goto(playgroundUrl);
  await page.locator('[data-lexical-editor="true"]').first().waitFor();

  const composeBox = (): Locator => page.locator('[data-lexical-editor="true"]').first();
  // A button that opens a form under itself (Action.ShowCard) renders that form as a card inside the card.
  const cards = (): Locator => page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  const postButton = (): Locator => page.getByRole('button', { name: 'Post', exact: true });

  /** A real paste (ClipboardEvent with text/plain), as an engineer pastes an error; typing is slow and Enter would send. */
  const paste = async (box: Locator, text: string): Promise<void> => {
    await box.evaluate((element, value) => {
      // Runs in the page; the project's TypeScript has no DOM lib, so the two constructors are typed here.
      const web = globalThis as unknown as {
        DataTransfer: new () => { setData(format: string, data: string): void };
        ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => Event;
      };
      const data = new web.DataTransfer();
      data.setData('text/plain', value);
      element.dispatchEvent(new web.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  };

  const openConversation = async (name: string): Promise<void> => {
    await page.getByText(name, { exact: true }).first().click();
    await composeBox().waitFor();
  };

  const waitForCard = async (match: CardMatch, options: WaitForCardOptions = {}): Promise<Locator> => {
    const deadline = Date.now() + (options.timeoutMs ?? UI_TIMEOUT_MS);
    const fromIndex = options.fromIndex ?? 0;
    let texts: string[] = [];
    for (;;) {
      texts = await cards().allInnerTexts();
      for (let index = texts.length - 1; index >= fromIndex; index -= 1) {
        const text = texts[index] ?? '';
        if (matches(match, text) && (options.whileChecking === true || !isChecking(text))) return cards().nth(index);
      }
      if (Date.now() > deadline) break;
      await page.waitForTimeout(150);
    }
    const seen = texts.map((text, index) => `#${index}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`).join('\n');
    throw new Error(`no card matching ${String(match)} (from #${fromIndex}) within ${options.timeoutMs ?? UI_TIMEOUT_MS} ms; cards on the page:\n${seen || '(none)'}`);
  };

  return {
    page,
    frames,
    consoleLines,
    openPersonalChat: () => openConversation('Personal Chat'),
    openChannel: (name) => openConversation(name),
    async sendPersonalMessage(text) {
      const box = composeBox();
      await box.click();
      await paste(box, text);
      await page.keyboard.press('Enter');
    },
    async postInChannel(text, botName) {
      const box = composeBox();
      await box.click();
      await page.keyboard.type(`@${botName.slice(0, 4)}`);
      await page.getByRole('menuitem', { name: botName }).click();
      await page.keyboard.type(' ');
      await paste(box, text);
      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST' && SENT_MESSAGE_PATH.test(new URL(response.url()).pathname)),
        postButton().click(),
      ]);
      const thread = postedThread(await answer.json());
      if (thread === null) throw new Error('the playground did not answer the new post with its thread id (postConversationId)');
      // The post is shown once the web client has it in its store: only then may the bot hear of it. (The
      // new-post box is a group too, with the Post button; a shown post has its own reply box instead.)
      await page.getByRole('group').filter({ hasText: text, hasNot: postButton() }).first().waitFor();
      onPostShown(thread);
    },
    cards,
    cardCount: () => cards().count(),
    waitForCard,
    async clickCardButton(card, title) {
      await card.getByRole('button', { name: title, exact: true }).click();
    },
    async fillCardInput(card, labelOrPlaceholder, text) {
      const byLabel = card.getByLabel(labelOrPlaceholder, { exact: true });
      const input = (await byLabel.count()) > 0 ? byLabel.first() : card.getByPlaceholder(labelOrPlaceholder).first();
      await input.fill(text);
    },
  };
}
