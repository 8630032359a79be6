/**
 * Outbox ids seen recently (Tongxin's `id` = `<outbox id>.<part>`, the same on every retry of that part).
 * An id is remembered from its first arrival: a resend while the first is still being said waits for
 * that outcome, a resend after it was said is answered as a duplicate, and an id whose saying failed
 * is forgotten so Tongxin's retry says it. Bounded by time and by count (the oldest go first).
 */
export class RecentIds<T> {
  private readonly entries = new Map<string, { at: number, outcome: Promise<T> }>()

  constructor (
    private readonly keepMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  /** The outcome of an earlier arrival of `id`, or undefined when it is new (and now remembered). */
  claim (id: string, now: number, work: () => Promise<T>): { duplicate: boolean, outcome: Promise<T> } {
    this.expire(now)
    const seen = this.entries.get(id)
    if (seen) {
      return { duplicate: true, outcome: seen.outcome }
    }
    const outcome = work()
    this.entries.set(id, { at: now, outcome })
    outcome.catch(() => this.entries.delete(id))
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
    return { duplicate: false, outcome }
  }

  private expire (now: number): void {
    for (const [id, e] of this.entries) {
      if (now - e.at <= this.keepMs) break // insertion order is arrival order
      this.entries.delete(id)
    }
  }
}

/**
 * The bridge's own pace per room or contact (personal accounts that post fast are throttled by WeChat
 * itself, "操作过于频繁"): a sliding window of `count` messages per `windowMs`.
 */
export class Pace {
  private readonly said = new Map<string, number[]>()

  constructor (
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  /** Takes a slot for `target` now, or answers how many ms until one frees. */
  take (target: string, now: number): { ok: true } | { ok: false, retryAfterMs: number } {
    const times = (this.said.get(target) ?? []).filter(t => now - t < this.windowMs)
    if (times.length >= this.count) {
      this.said.set(target, times)
      return { ok: false, retryAfterMs: this.windowMs - (now - (times[0] ?? now)) }
    }
    times.push(now)
    this.said.set(target, times)
    return { ok: true }
  }

  /** Gives back the slot taken for a message that was not said after all. */
  giveBack (target: string): void {
    this.said.get(target)?.pop()
  }
}
