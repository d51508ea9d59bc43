import assert from "node:assert/strict";
import { test } from "node:test";
import { contains, coveredBy, coversInternet, parsePrefix, Prefix } from "../cidr";
import { forAll, ipv4, Random } from "./random";

const p = (s: string) => {
    const x = parsePrefix(s);
    assert.ok(x, `${s} parses`);
    return x!;
};

test("parses what the clouds write and refuses the rest", () => {
    assert.equal(p("10.1.2.3").bits, 32);
    assert.equal(p("10.1.2.3/16").first, p("10.1.0.0/16").first, "host bits are cleared");
    assert.equal(p("::/0").bits, 0);
    assert.ok(contains(p("2001:db8::/32"), p("2001:db8:0:1::/64")));
    assert.ok(contains(p("::ffff:0:0/96"), p("::ffff:10.0.0.1")));
    for (const bad of ["*", "Internet", "VirtualNetwork", "10.0.0.0/33", "10.0.0.256", "1::2::3", "10.0.0.0/8/8", ""]) {
        assert.equal(parsePrefix(bad), undefined, bad);
    }
});

test("containment across several ranges", () => {
    assert.ok(coveredBy(p("10.0.0.0/15"), [p("10.0.0.0/16"), p("10.1.0.0/16")]));
    assert.ok(!coveredBy(p("10.0.0.0/15"), [p("10.0.0.0/16")]));
    assert.ok(!coveredBy(p("::/0"), [p("0.0.0.0/0")]), "families do not mix");
});

/** Splits a prefix into random pieces that together are exactly it. */
function split(r: Random, prefix: Prefix, depth: number): Prefix[] {
    if (depth === 0 || prefix.bits === 32 || r.next() < 0.3) return [prefix];
    const bits = prefix.bits + 1;
    const half = 1n << BigInt(32 - bits);
    return [
        ...split(r, p(`${ipv4(prefix.first)}/${bits}`), depth - 1),
        ...split(r, p(`${ipv4(prefix.first + half)}/${bits}`), depth - 1),
    ];
}

test("ranges that add up to the internet are the internet, however split and ordered", () => {
    forAll(200, r => {
        const pieces = split(r, p("0.0.0.0/0"), r.int(1, 12));
        const shuffled = [...pieces].sort(() => r.next() - 0.5);
        // Overlaps change nothing.
        const extra = shuffled.length > 1 ? [p(`${ipv4(shuffled[0].first)}/${Math.min(32, shuffled[0].bits + 3)}`)] : [];
        assert.ok(coversInternet([...shuffled, ...extra], 4), `${shuffled.map(x => x.text)} cover the internet`);
        if (pieces.length > 1) {
            const missing = r.int(0, shuffled.length - 1);
            const rest = shuffled.filter((_, i) => i !== missing);
            assert.ok(!coversInternet(rest, 4), `${rest.map(x => x.text)} leave out ${shuffled[missing].text}`);
        }
    });
});
