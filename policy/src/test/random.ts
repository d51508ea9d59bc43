// A seeded generator for the property tests: a failure names its seed, and THREATMANAGER_POLICY_SEED
// replays it.

export class Random {
    private state: number;
    constructor(readonly seed: number) {
        this.state = seed >>> 0 || 1;
    }
    /** A number in [0, 1) (xorshift32). */
    next(): number {
        let x = this.state;
        x ^= x << 13; x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5; x >>>= 0;
        this.state = x;
        return x / 2 ** 32;
    }
    int(lo: number, hi: number): number {
        return lo + Math.floor(this.next() * (hi - lo + 1));
    }
    pick<T>(xs: readonly T[]): T {
        return xs[this.int(0, xs.length - 1)];
    }
}

/** Runs prop for n seeds; the assertion's message says which seed failed. */
export function forAll(n: number, prop: (r: Random) => void): void {
    const fixed = process.env.THREATMANAGER_POLICY_SEED;
    const seeds = fixed ? [Number(fixed)] : Array.from({ length: n }, (_, i) => (Date.now() + i * 7919) >>> 0);
    for (const seed of seeds) {
        try {
            prop(new Random(seed));
        } catch (e) {
            throw new Error(`seed ${seed} (replay with THREATMANAGER_POLICY_SEED=${seed}): ${(e as Error).message}`);
        }
    }
}

/** An IPv4 address as dotted text. */
export function ipv4(n: bigint): string {
    return [24n, 16n, 8n, 0n].map(s => String((n >> s) & 255n)).join(".");
}
