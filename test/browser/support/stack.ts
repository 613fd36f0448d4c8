// One browser-test stack: the real bot (`node src/main.ts`, demo mode: simulated Azure, no playground of its
// own, in-memory state) ← the forwarder (locale; a new post held until the browser shows it) ← the Agents
// Playground ← headless Chromium. Started in that order, stopped in reverse, and everything is stopped even
// when a step fails.
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { startBotProcess } from '#test/support/bot-process.ts';
import type { BotProcess } from '#test/support/bot-process.ts';
import { startBotFront } from './bot-front.ts';
import type { BotFront } from './bot-front.ts';
import { launchChromium, openPlaygroundPage, UI_TIMEOUT_MS } from './browser.ts';
import type { PlaygroundPage } from './browser.ts';
import { newPostGate } from './new-post-gate.ts';
import type { NewPostGate } from './new-post-gate.ts';
import { startPlayground } from './playground.ts';
import type { Playground } from './playground.ts';
import { APPROVER, WORLD } from './world.ts';
import type { World } from './world.ts';

export type UiLocale = 'en' | 'fr';

const TEAMS_LOCALE: Record<UiLocale, string> = { en: 'en-US', fr: 'fr-FR' };

export interface StackOptions {
  locale: UiLocale;
  /** Extra bot environment (e.g. failover timings). */
  botEnv?: Record<string, string>;
}

export interface Stack {
  readonly locale: UiLocale;
  /** The locale Teams would put in activity.locale for this user. */
  readonly teamsLocale: string;
  readonly world: World;
  readonly bot: BotProcess;
  readonly front: BotFront;
  /** The forwarder's hold on new channel posts (new-post-gate.ts). */
  readonly newPosts: NewPostGate;
  readonly playground: Playground;
  readonly ui: PlaygroundPage;
  /** Everything useful to understand a failure: bot log, playground output, frames, forwarded activities. */
  report(): Promise<string>;
  stop(): Promise<void>;
}

/** The bot in demo mode, as the browser suite runs it. */
export function botEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_IDS: '',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    DEMO_PLAYGROUND: '0',
    STATE_STORE: 'memory',
    FAILOVER_APPROVERS: APPROVER.aadObjectId,
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch(() => undefined);
    }
  };
  try {
    const bot = await startBotProcess(botEnvironment(options.botEnv));
    stops.push(() => bot.stop('SIGTERM', 5_000));
    const teamsLocale = TEAMS_LOCALE[options.locale];
    const gate = newPostGate(UI_TIMEOUT_MS);
    const front = await startBotFront(`${bot.url}/api/messages`, options.locale === 'en' ? null : teamsLocale, gate);
    stops.push(() => front.close());
    const playground = await startPlayground({ botEndpoint: front.endpoint, world: WORLD });
    stops.push(() => playground.stop());
    const browser: Browser = await launchChromium();
    stops.push(() => browser.close());
    const ui = await openPlaygroundPage(browser, playground.url, { browserLocale: teamsLocale, onPostShown: (thread) => gate.shown(thread) });

    const report = async (): Promise<string> =>
      [
        `--- bot stdout (tail) ---\n${bot.stdout().slice(-8000)}`,
        `--- bot stderr (tail) ---\n${bot.stderr().slice(-3000)}`,
        `--- forwarded to the bot ---\n${front.describe()}`,
        ui.frames.describe(),
        `--- browser console ---\n${ui.consoleLines.join('\n')}`,
        await playground.logs(),
      ].join('\n');

    return { locale: options.locale, teamsLocale, world: WORLD, bot, front, newPosts: gate, playground, ui, report, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The web client's own failures while the test ran: it logs "Saga error" when it cannot handle a message,
 * drops that message and reopens its conversation websocket (every later frame then arrives twice).
 */
function webClientFailures(consoleLines: readonly string[], from: number): string[] {
  return consoleLines.slice(from).filter((line) => line.includes('Saga error'));
}

/**
 * One stack for the tests of a suite: started before them (then `ready`, e.g. opening a chat), stopped after.
 * Returns the stack's getter for the tests.
 */
export function sharedStack(options: StackOptions, ready: (stack: Stack) => Promise<void> = async () => {}): () => Stack {
  let started: Stack | undefined;
  before(async () => {
    started = await startStack(options);
    await ready(started);
  });
  after(async () => {
    await started?.stop();
  });
  return () => {
    assert.ok(started, 'the browser stack did not start');
    return started;
  };
}

/**
 * Runs a test body; fails it if the playground's web client failed meanwhile (what the page shows is then not
 * what the bot sent); on failure writes a page screenshot and attaches the stack's logs before rethrowing.
 */
export async function withFailureReport(t: TestContext, stack: Stack, body: () => Promise<void>): Promise<void> {
  const consoleFrom = stack.ui.consoleLines.length;
  try {
    await body();
    const failures = webClientFailures(stack.ui.consoleLines, consoleFrom);
    if (failures.length > 0) throw new Error(`the playground's web client failed while the test ran:\n${failures.join('\n')}`);
  } catch (error) {
    const folder = join(tmpdir(), 'iothub-oncall-browser-failures');
    await mkdir(folder, { recursive: true });
    const shot = join(folder, `${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.${stack.locale}.png`);
    await stack.ui.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    t.diagnostic(`page screenshot: ${shot}`);
    for (const line of (await stack.report()).split('\n')) t.diagnostic(line);
    throw error;
  }
}
