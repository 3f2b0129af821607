// A client-side token bucket in front of a service whose API bucket is the whole account's: ELB's Describe* calls
// share 40 tokens refilled at 10 a second per account and region (AWS's "Request throttling for the ELB API"), so one
// read of a class's 40 load balancers and target groups would empty it and fail its last calls. A read that would
// spend more than a little under AWS's burst paces its own tail (a student's read, a runner's waits never get there);
// what other readers spend still comes back as a throttle, which the SDK retries.
import type { MiddlewareStack } from '@smithy/types';

export interface Pace {
  /** Tokens at rest (a burst this big goes out at once). */
  readonly burst: number;
  /** Tokens back per second. */
  readonly perSecond: number;
}

/** ELB's documented 40 and 10 a second, with a little left for the console and the class's other readers. */
export const ELB_PACE: Pace = { burst: 35, perSecond: 9 };

/** Each request of a command (each attempt) waits for a token of `take` before it goes. */
export function pacedCommand<C>(command: C, take: () => Promise<void>): C {
  const stack = (command as { middlewareStack: MiddlewareStack<object, object> }).middlewareStack;
  stack.add(
    (next) => async (args) => {
      await take();
      return next(args);
    },
    { step: 'finalizeRequest', name: 'scaleOutLabPace', priority: 'low', override: true },
  );
  return command;
}

/** A bucket of `pace`: each call resolves when it has its token, in the order asked. */
export function tokenBucket(pace: Pace, now = () => Date.now()): () => Promise<void> {
  let tokens = pace.burst;
  let at = now();
  let queue: Promise<void> = Promise.resolve();
  const take = (): Promise<void> => {
    const turn = queue.then(async () => {
      const t = now();
      tokens = Math.min(pace.burst, tokens + ((t - at) / 1000) * pace.perSecond);
      at = t;
      if (tokens < 1) {
        const waitMs = ((1 - tokens) / pace.perSecond) * 1000;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        tokens = 1;
        at = now();
      }
      tokens -= 1;
    });
    queue = turn;
    return turn;
  };
  return take;
}
