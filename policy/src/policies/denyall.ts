// Mandatory, on the clouds that allow by default what the requirements do not (those whose model brings
// a denyAll): an appliance group ends in deny-all rules, below every allow, so that what the cloud allows
// by default never reaches the appliances.

import { coversInternet } from "../cidr";
import { Check, Violation } from "../context";
import { ApplianceRule, clouds, listed } from "../model";
import { Direction } from "../requirements";
import { peerRanges } from "../traffic";

const denying = clouds.filter(c => c.denyAll);

function isDenyAll(r: ApplianceRule): boolean {
    return r.access === "deny" && !r.disabled && !!r.traffic?.some(t => t.protocol === "all" && t.fromPort === 0 && t.toPort === 65535) &&
        coversInternet(r.peers.flatMap(p => peerRanges(p) ?? []), 4);
}

export const denyAllBelowAllows: Check = {
    name: "deny-all-below-allows",
    description: `On ${listed(denying.map(c => c.title))}, the appliances' ${listed(denying.map(c => c.groupKind), "or")} ends in deny-all rules (outbound, and inbound unless denyOtherInbound is off) below every allow.`,
    enforcementLevel: "mandatory",
    config: ["denyOtherInbound"],
    check: ctx => {
        const out: Violation[] = [];
        const directions: Direction[] = ctx.config.denyOtherInbound === false ? ["egress"] : ["egress", "ingress"];
        for (const group of ctx.model.groups) {
            const denyAll = group.cloud.denyAll;
            if (!denyAll) continue;
            for (const direction of directions) {
                const rules = ctx.model.rules.filter(r => r.group === group && r.direction === direction);
                const denies = rules.filter(isDenyAll).filter(r => r.priority !== undefined);
                const word = direction === "ingress" ? "inbound" : "outbound";
                if (!denies.length) {
                    out.push({
                        urn: group.resource?.urn,
                        message: `${denyAll.missingFrom(group)} deny-all ${word} rule (all protocols and ports, ${direction === "ingress" ? "from" : "to"} 0.0.0.0/0) below its allows; ` +
                            `the component puts one at priority ${denyAll.priority}.`,
                    });
                    continue;
                }
                const deny = denies.reduce((a, b) => (b.priority! < a.priority! ? b : a));
                for (const allow of rules.filter(r => r.access === "allow" && !r.disabled && r.priority !== undefined && r.priority >= deny.priority!)) {
                    out.push({
                        urn: allow.resource.urn,
                        message: `${allow.label} on ${group.label} allows ${word} traffic at priority ${allow.priority}, not above the deny-all ${deny.label} at ${deny.priority}: the group must end in the deny-all.`,
                    });
                }
            }
        }
        return out;
    },
};
