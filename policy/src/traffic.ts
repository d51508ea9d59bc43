// Which of a rule's traffic the requirements allow: each (protocol, ports, peer) of the rule must lie
// inside one requirement of its direction, or inside several that together hold it.

import { coveredBy, INTERNET4, INTERNET6, Prefix } from "./cidr";
import { ApplianceRule, hasPorts, Peer, Traffic } from "./model";
import { Allowed, Direction } from "./requirements";

/** Why part of a rule is outside the requirements; undefined when it is inside or cannot be known yet. */
export type Finding = { traffic: Traffic; peer: Peer; agentsUnknown: boolean };

/** The ranges a peer stands for, or undefined for what is not ranges (and unknowns). */
export function peerRanges(p: Peer): Prefix[] | undefined {
    switch (p.kind) {
        case "prefix": return [p.prefix];
        case "any": return [INTERNET4, INTERNET6];
        default: return undefined;
    }
}

/** Whether the union of port ranges holds [from, to]. */
function portsCovered(ranges: [number, number][], from: number, to: number): boolean {
    let next = from;
    for (const [f, t] of [...ranges].sort((a, b) => a[0] - b[0])) {
        if (f > next) break;
        if (t >= next) next = t + 1;
        if (next > to) return true;
    }
    return next > to;
}

/** Whether one requirement admits the whole of traffic t (peers aside). */
function trafficCovered(rows: Allowed[], t: Traffic): boolean {
    if (rows.some(r => r.protocol === "all")) return true;
    const same = rows.filter(r => r.protocol === t.protocol);
    if (!same.length) return false;
    return !hasPorts(t.protocol) || portsCovered(same.map(r => [r.fromPort, r.toPort]), t.fromPort, t.toPort);
}

/** The parts of a rule the requirements of its direction do not allow. Unknowns are skipped. */
export function outsideRequirements(rule: ApplianceRule, allowed: Allowed[]): Finding[] {
    if (!rule.traffic) return [];
    const rows = allowed.filter(a => a.direction === rule.direction);
    const findings: Finding[] = [];
    for (const t of rule.traffic) {
        for (const peer of rule.peers) {
            if (peer.kind === "unknown") continue;
            const ranges = peerRanges(peer);
            const holding = ranges ? rows.filter(r => r.peers && ranges.every(p => coveredBy(p, r.peers!))) : [];
            if (trafficCovered(holding, t)) continue;
            // Would the agents' requirements hold it, if their ranges were known?
            const agentsUnknown = ranges !== undefined && rows.some(r => r.peers === undefined) &&
                trafficCovered([...holding, ...rows.filter(r => r.peers === undefined)], t);
            findings.push({ traffic: t, peer, agentsUnknown });
        }
    }
    return findings;
}

export function describeTraffic(t: Traffic): string {
    if (t.protocol === "all") return "all traffic";
    if (!hasPorts(t.protocol)) return t.protocol.toUpperCase();
    const ports = t.fromPort === 0 && t.toPort === 65535 ? "all ports" : t.fromPort === t.toPort ? `${t.fromPort}` : `${t.fromPort}-${t.toPort}`;
    return `${t.protocol.toUpperCase()} ${ports}`;
}

export function describePeer(p: Peer): string {
    if (p.kind === "prefix") return p.via ? `${p.prefix.text} (in ${p.via})` : p.prefix.text;
    return p.text;
}

/** What the requirements allow in one direction, in the seed's words, for messages. */
export function describeAllowed(allowed: Allowed[], direction: Direction): string {
    const rows = allowed.filter(a => a.direction === direction);
    if (!rows.length) return "nothing";
    return rows.map(r => {
        const t = describeTraffic({ protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort });
        const peers = r.peers ? r.peers.map(p => p.text).join(", ") : "not known: set agentCidrs";
        return `${t} ${direction === "ingress" ? "from" : "to"} ${r.peerSet} (${peers})`;
    }).join("; ");
}
