/**
 * Token buckets by key: `burst` tokens at most, refilled at `perSecond`. A refusal says how
 * long to wait. Buckets that have filled up again are forgotten, so memory follows activity.
 */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private takes = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(key: string, cost = 1): Take {
    const now = this.clock();
    if (++this.takes % 1024 === 0) this.forgetFull(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((cost - bucket.tokens) / this.limit.perSecond) * 1000) };
  }

  /** Whether `take` would refuse now, without taking anything. */
  blocked(key: string, cost = 1): Take {
    const bucket = this.buckets.get(key);
    if (!bucket) return { ok: true };
    const tokens = Math.min(this.limit.burst, bucket.tokens + ((this.clock() - bucket.at) / 1000) * this.limit.perSecond);
    return tokens >= cost ? { ok: true } : { ok: false, retryAfterMs: Math.ceil(((cost - tokens) / this.limit.perSecond) * 1000) };
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(key);
    }
  }
}

export function waitText(retryAfterMs: number): string {
  return retryAfterMs < 1000 ? `${(retryAfterMs / 1000).toFixed(1)} s` : `${Math.ceil(retryAfterMs / 1000)} s`;
}
