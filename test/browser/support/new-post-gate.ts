// Holds a new channel post on its way to the bot until the browser shows that post, as in Teams, where a post
// exists for its author before the bot hears of it.
//
// Why: the playground (0.2.28) answers the web client's POST of a new post and, in the same tick, sends the
// post to the bot. The client adds the post to its store only when that HTTP answer is processed; the bot's
// reply in the post's thread comes back over the websocket. If the reply is processed first (a busy machine:
// the renderer is late, the bot is not), the client throws "Invalid conversation id <channel>;messageid=<post>"
// (console: "Saga error"), never renders the card and reopens its conversation websocket, so every later frame
// arrives twice. Holding the post until it is on screen puts the two in the only order the client handles.

export type Admission = 'at once' | 'after the post was shown' | 'post not shown in time';

export interface NewPostGate {
  /**
   * Resolves when an activity may go to the bot: at once unless it is the first message of a channel thread
   * (a new post), which waits until `shown` is called for its thread, or `holdMs` at most.
   */
  admit(activity: Record<string, unknown>): Promise<Admission>;
  /** The browser shows the post that starts this thread (`<channel>;messageid=<post>`). */
  shown(threadId: string): void;
  /** Resolves once the post that starts this thread is being held (or was). */
  held(threadId: string): Promise<void>;
}

const THREAD = /;messageid=\d+$/;

function threadOf(activity: Record<string, unknown>): string | null {
  if (activity.type !== 'message') return null;
  const conversation = activity.conversation;
  if (typeof conversation !== 'object' || conversation === null || !('id' in conversation) || typeof conversation.id !== 'string') return null;
  return THREAD.test(conversation.id) ? conversation.id : null;
}

interface Signal {
  readonly promise: Promise<void>;
  readonly fire: () => void;
}

function signal(): Signal {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

interface ThreadSignals {
  shown: Signal;
  held: Signal;
}

export function newPostGate(holdMs: number): NewPostGate {
  const threads = new Map<string, ThreadSignals>();
  const signalsOf = (thread: string): ThreadSignals => {
    let signals = threads.get(thread);
    if (signals === undefined) {
      signals = { shown: signal(), held: signal() };
      threads.set(thread, signals);
    }
    return signals;
  };
  const admitted = new Set<string>();

  return {
    async admit(activity) {
      const thread = threadOf(activity);
      if (thread === null || admitted.has(thread)) return 'at once';
      admitted.add(thread);
      const { shown, held } = signalsOf(thread);
      held.fire();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<Admission>((resolve) => {
        timer = setTimeout(() => resolve('post not shown in time'), holdMs);
      });
      try {
        return await Promise.race([shown.promise.then((): Admission => 'after the post was shown'), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    shown(threadId) {
      signalsOf(threadId).shown.fire();
    },
    held(threadId) {
      return signalsOf(threadId).held.promise;
    },
  };
}
