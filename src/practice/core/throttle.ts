// AWS's API throttling in the practice account: token buckets per account and region (one account here), so a
// class's polling is tested against the rule AWS applies, not a guess. Off unless the server is asked for it
// (`throttling: 'aws'`, `practice serve --throttle aws`, always with `--class`): tests and students are not throttled.
// A bucket holds at most `capacity` tokens, starts full and refills continuously at `refillPerSecond`; a request
// takes one token from each bucket its action draws on (a launch also takes one per instance from a resource
// bucket) and is refused, taking nothing, when any of them is short. Which buckets an action draws on, with AWS's
// sizes, is throttleRules.ts.
import { drawsFor, type BucketDraw, type BucketSize, type ThrottledService } from './throttleRules';

export type { BucketDraw, BucketSize, ThrottledService } from './throttleRules';

/** `off`: nothing is throttled (the default); `aws`: AWS's buckets. */
export type Throttling = 'off' | 'aws';

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly size: BucketSize,
    nowMs: number,
  ) {
    this.tokens = size.capacity;
    this.at = nowMs;
  }

  /** Tokens in the bucket at `nowMs` (a clock that goes back adds nothing). */
  available(nowMs: number): number {
    if (nowMs > this.at) {
      this.tokens = Math.min(this.size.capacity, this.tokens + ((nowMs - this.at) / 1000) * this.size.refillPerSecond);
      this.at = nowMs;
    }
    return this.tokens;
  }

  take(cost: number, nowMs: number): boolean {
    if (this.available(nowMs) < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/** Every bucket of the account, made full on first use; `nowMs` is a monotonic clock in milliseconds. */
export class AccountBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly refusals = new Map<string, number>();

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  /** Takes every draw, or none when one bucket is short (AWS: a request is throttled by any of its buckets). */
  admit(region: string, draws: readonly BucketDraw[]): boolean {
    const now = this.nowMs();
    const buckets = draws.map((draw) => {
      const key = `${region}/${draw.key}`;
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(draw.size, now)));
      return { bucket, cost: draw.cost };
    });
    if (buckets.some(({ bucket, cost }) => bucket.available(now) < cost)) return false;
    for (const { bucket, cost } of buckets) bucket.take(cost, now);
    return true;
  }

  /** Admits a request of `service`'s `action` (its query parameters say how many instances, whether filtered). */
  request(service: ThrottledService, action: string, region: string, params: URLSearchParams): boolean {
    const admitted = this.admit(region, drawsFor(service, action, params));
    if (!admitted) {
      const key = `${service}:${action}`;
      this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
    }
    return admitted;
  }

  /** How many requests were throttled, by `service:action` (for tests and the bench). */
  throttled(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.refusals);
  }

  /** Every bucket full again, and no refusal counted. */
  clear(): void {
    this.buckets.clear();
    this.refusals.clear();
  }
}
