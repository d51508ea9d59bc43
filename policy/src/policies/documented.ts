// Mandatory: the appliances accept and send only the traffic the requirements document.

import { Check, Context, requirementsConfig, Violation } from "../context";
import { Direction } from "../requirements";
import { describeAllowed, describePeer, describeTraffic, outsideRequirements } from "../traffic";

function documented(ctx: Context, direction: Direction): Violation[] {
    const out: Violation[] = [];
    for (const rule of ctx.model.rules) {
        if (rule.direction !== direction || rule.access !== "allow" || rule.disabled) continue;
        for (const f of outsideRequirements(rule, ctx.allowed)) {
            const what = `${direction} ${describeTraffic(f.traffic)} ${direction === "ingress" ? "from" : "to"} ${describePeer(f.peer)}`;
            const why = f.agentsUnknown
                ? "which only the agent ranges could allow, and they are not known: set agentCidrs in the pack's configuration"
                : `which the requirements do not allow (they allow ${describeAllowed(ctx.allowed, direction)})`;
            out.push({ urn: rule.resource.urn, message: `${rule.label} on ${rule.group.label} allows ${what}, ${why}.` });
        }
    }
    return out;
}

export const ingressDocumented: Check = {
    name: "appliance-ingress-documented",
    description: "Appliances accept only the documented ingress: the agent ports from the agent ranges, and SSH (TCP 22) from the datacenter's ranges.",
    enforcementLevel: "mandatory",
    config: requirementsConfig,
    check: ctx => documented(ctx, "ingress"),
};

export const egressDocumented: Check = {
    name: "appliance-egress-documented",
    description: "Appliances send only the documented egress: to the agent ranges, the DNS servers, the datacenter's ranges, NTP, and TCP 80 to the internet.",
    enforcementLevel: "mandatory",
    config: requirementsConfig,
    check: ctx => documented(ctx, "egress"),
};
