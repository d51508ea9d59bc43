// Mandatory: no rule lets the appliances reach or be reached from the whole internet, whether it says
// 0.0.0.0/0 or lists ranges that add up to it, alone or with the group's other rules. The one exception
// is the requirements' own internet row (TCP 80 out, unless egressHttp is off).

import { coversInternet, Prefix } from "../cidr";
import { Check, Violation } from "../context";
import { ApplianceRule, hasPorts, Traffic } from "../model";
import { Allowed } from "../requirements";
import { describeTraffic, peerRanges } from "../traffic";

type Point = { protocol: string; port: number };

const holds = (t: Traffic, p: Point) =>
    t.protocol === "all" || (t.protocol === p.protocol && (!hasPorts(p.protocol) || (t.fromPort <= p.port && p.port <= t.toPort)));

/** One point of each stretch of r's traffic over which the set of matching rules does not change. */
function points(r: ApplianceRule, others: ApplianceRule[]): Point[] {
    const all = others.flatMap(o => o.traffic ?? []);
    const out: Point[] = [];
    for (const t of r.traffic ?? []) {
        const protocols = t.protocol === "all"
            ? [...new Set(["tcp", "udp", "all", ...all.map(x => x.protocol)])]
            : [t.protocol];
        for (const protocol of protocols) {
            if (!hasPorts(protocol)) {
                out.push({ protocol, port: 0 });
                continue;
            }
            const from = t.protocol === "all" ? 0 : t.fromPort, to = t.protocol === "all" ? 65535 : t.toPort;
            const cuts = new Set([from]);
            for (const x of all.filter(x => x.protocol === protocol)) {
                for (const c of [x.fromPort, x.toPort + 1]) if (c > from && c <= to) cuts.add(c);
            }
            for (const port of cuts) out.push({ protocol, port });
        }
    }
    return out;
}

/** Whether the requirements themselves open this point to the family's internet (TCP 80 out). */
function documentedInternet(allowed: Allowed[], r: ApplianceRule, p: Point, family: 4 | 6): boolean {
    return allowed.some(a => a.peerSet === "internet" && a.direction === r.direction && a.peers?.some(x => x.family === family && x.bits === 0) &&
        holds({ protocol: a.protocol, fromPort: a.fromPort, toPort: a.toPort }, p));
}

export const noInternet: Check = {
    name: "no-internet-open-rules",
    description: "No appliance rule is open to the whole internet, or to ranges that together cover it, except the documented TCP 80 egress.",
    enforcementLevel: "mandatory",
    config: ["egressHttp"],
    check: ctx => {
        const out: Violation[] = [];
        const live = ctx.model.rules.filter(r => r.access === "allow" && !r.disabled && r.traffic);
        for (const r of live) {
            const siblings = live.filter(o => o.group === r.group && o.direction === r.direction);
            for (const p of points(r, siblings)) {
                const matching = siblings.filter(o => o.traffic!.some(t => holds(t, p)));
                const ranges = (rules: ApplianceRule[]) => rules.flatMap(o => o.peers.flatMap(x => peerRanges(x) ?? [])) as Prefix[];
                const family = ([4, 6] as const).find(f => coversInternet(ranges(matching), f) && !documentedInternet(ctx.allowed, r, p, f));
                if (family === undefined) continue;
                const internet = family === 4 ? "0.0.0.0/0" : "::/0";
                const what = `${r.direction} ${describeTraffic({ protocol: p.protocol, fromPort: p.port, toPort: p.port })}`;
                const alone = coversInternet(ranges([r]), family);
                // Of rules that cover it together, each one the cover needs is reported; a rule whose
                // ranges others already hold is not the cause.
                if (!alone && coversInternet(ranges(matching.filter(o => o !== r)), family)) continue;
                const others = matching.filter(o => o !== r).map(o => o.label);
                const side = r.direction === "ingress" ? "from" : "to";
                const message = alone
                    ? `${r.label} on ${r.group.label} is open to the whole internet (${internet}) for ${what}.`
                    : `${r.label} on ${r.group.label}, with ${others.join(", ")}, allows ${what} ${side} ranges that together cover the whole internet (${internet}).`;
                out.push({ urn: r.resource.urn, message });
                break;
            }
        }
        return out;
    },
};
