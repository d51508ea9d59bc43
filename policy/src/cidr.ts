// Address prefixes, IPv4 and IPv6, as numbers: enough arithmetic to say whether one range lies inside
// others and whether a set of ranges adds up to the whole internet.

export interface Prefix {
    readonly family: 4 | 6;
    /** The first address, as a number of 32 or 128 bits. */
    readonly first: bigint;
    readonly bits: number;
    /** As written in the resource, for messages. */
    readonly text: string;
}

const width = (family: 4 | 6) => (family === 4 ? 32 : 128);

function parseIPv4(s: string): bigint | undefined {
    const parts = s.split(".");
    if (parts.length !== 4) return undefined;
    let n = 0n;
    for (const p of parts) {
        if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
        n = (n << 8n) | BigInt(Number(p));
    }
    return n;
}

function parseIPv6(s: string): bigint | undefined {
    if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split("::").length > 2) return undefined;
    const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
    const groups = (part: string) => (part === "" ? [] : part.split(":"));
    let left = groups(head);
    let right = tail === undefined ? [] : groups(tail);
    // An embedded IPv4 address is the last two groups.
    const last = tail === undefined ? left : right;
    if (last.length && last[last.length - 1].includes(".")) {
        const v4 = parseIPv4(last.pop()!);
        if (v4 === undefined) return undefined;
        last.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    const missing = 8 - left.length - right.length;
    if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
    const all = [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right];
    let n = 0n;
    for (const g of all) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        n = (n << 16n) | BigInt(parseInt(g, 16));
    }
    return n;
}

/**
 * Parses "10.0.0.0/16", "10.0.0.1" (a /32), "::/0" or "2001:db8::/32". Host bits are cleared, as the
 * clouds do. Anything else (a service tag, "*", an unknown) is undefined.
 */
export function parsePrefix(text: string): Prefix | undefined {
    const [addr, len, extra] = text.trim().split("/");
    if (extra !== undefined) return undefined;
    const family: 4 | 6 = addr.includes(":") ? 6 : 4;
    const n = family === 4 ? parseIPv4(addr) : parseIPv6(addr);
    if (n === undefined) return undefined;
    const w = width(family);
    const bits = len === undefined ? w : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
    if (!(bits >= 0 && bits <= w)) return undefined;
    const hostMask = (1n << BigInt(w - bits)) - 1n;
    return { family, first: n & ~hostMask, bits, text: text.trim() };
}

/** The last address of the prefix. */
export function lastAddress(p: Prefix): bigint {
    return p.first + (1n << BigInt(width(p.family) - p.bits)) - 1n;
}

/** Whether inner lies wholly inside outer. */
export function contains(outer: Prefix, inner: Prefix): boolean {
    return outer.family === inner.family && outer.bits <= inner.bits && outer.first <= inner.first && lastAddress(inner) <= lastAddress(outer);
}

/** Whether inner lies wholly inside the union of outers (which may each hold only part of it). */
export function coveredBy(inner: Prefix, outers: readonly Prefix[]): boolean {
    return covers(outers.filter(o => o.family === inner.family), inner.family, inner.first, lastAddress(inner));
}

/** Whether the ranges together hold every address of the family: the whole internet, however split. */
export function coversInternet(prefixes: readonly Prefix[], family: 4 | 6): boolean {
    return covers(prefixes.filter(p => p.family === family), family, 0n, (1n << BigInt(width(family))) - 1n);
}

function covers(prefixes: readonly Prefix[], family: 4 | 6, from: bigint, to: bigint): boolean {
    const spans = prefixes
        .filter(p => p.family === family)
        .map(p => [p.first, lastAddress(p)] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let next = from;
    for (const [first, last] of spans) {
        if (first > next) break;
        if (last >= next) next = last + 1n;
        if (next > to) return true;
    }
    return next > to;
}

/** The internet of each family. */
export const INTERNET4 = parsePrefix("0.0.0.0/0")!;
export const INTERNET6 = parsePrefix("::/0")!;
