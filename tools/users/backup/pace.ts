// Pacing for the commands that make thousands of calls. The SDK client of a bulk command already
// retries throttling (10 attempts, adaptive mode: it also slows its own rate); `patiently` adds a
// longer wait on top, for a pool whose quota is shared with a busy app, before the run stops with its
// cursor saved. `eachLimited` bounds the calls in flight, so that a run stays under the per-second
// quotas (AdminGetUser, AdminCreateUser) instead of relying on retries.
import { UsersError } from "../errors";
import type { Pace } from "../command";

const throttled = new Set(["TooManyRequestsException", "LimitExceededException"]);

/** Waits after a throttled try: 1, 2, 4, 8 and 16 s, then gives up (about 30 s beyond the SDK's own). */
const waits = [1000, 2000, 4000, 8000, 16000];

export const isThrottling = (error: unknown): boolean => error instanceof UsersError && throttled.has(error.aws ?? "");

export async function patiently<T>(pace: Pace, note: (line: string) => void, what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await call();
        } catch (error) {
            if (!isThrottling(error) || attempt >= waits.length) throw error;
            note(`Cognito is throttling ${what}: waiting ${waits[attempt] / 1000} s before try ${attempt + 2} of ${waits.length + 1}`);
            await pace.sleep(waits[attempt]);
        }
    }
}

/**
 * Runs `each` on every item, at most `limit` at a time. On the first failure no further item
 * starts; those in flight finish (each is a step a rerun would redo anyway), then it rethrows.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    let failed: { error: unknown } | undefined;
    const worker = async () => {
        while (!failed && next < items.length) {
            const item = items[next++];
            try {
                await each(item);
            } catch (error) {
                failed ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failed) throw failed.error;
}

/** Progress on stderr at most once per `everyMs`: a long run shows it is alive without flooding a log. */
export class Ticker {
    private last = Date.now();

    constructor(private readonly note: (line: string) => void, private readonly everyMs: number) {}

    tick(line: () => string): void {
        const now = Date.now();
        if (now - this.last < this.everyMs) return;
        this.last = now;
        this.note(line());
    }
}
