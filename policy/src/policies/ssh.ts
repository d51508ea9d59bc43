// Mandatory: SSH to the appliances is only ever time-boxed. Every rule that admits TCP 22 states when it
// expires, in its description as the component writes it, and that time is ahead, within the window.

import { Check, Context, Violation } from "../context";
import { ApplianceRule } from "../model";
import { requirements } from "../requirements";

/** The open rules that admit SSH to appliances. */
export function sshRules(ctx: Context): ApplianceRule[] {
    const port = requirements.ssh.port;
    return ctx.model.rules.filter(r => r.direction === "ingress" && r.access === "allow" && !r.disabled &&
        r.traffic?.some(t => t.protocol === "all" || (t.protocol === "tcp" && t.fromPort <= port && port <= t.toPort)));
}

/** The expiry a rule's description states: ", expires <RFC 3339>"; undefined without one. */
export function statedExpiry(description: string | undefined): Date | undefined {
    const tag = requirements.ssh.descriptionExpiresTag;
    const at = description?.lastIndexOf(tag) ?? -1;
    if (at < 0) return undefined;
    const text = description!.slice(at + tag.length).trim();
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text)) return undefined;
    const t = new Date(text);
    return isNaN(t.getTime()) ? undefined : t;
}

const hours = (ms: number) => `${Math.round(ms / 360000) / 10}h`;

export const sshTimeBoxed: Check = {
    name: "ssh-time-boxed",
    description: "Every rule that admits SSH (TCP 22) to appliances states its expiry, which has not passed and is within the maximum window.",
    enforcementLevel: "mandatory",
    config: ["maxSshWindowHours"],
    check: ctx => {
        const maxHours = ctx.config.maxSshWindowHours ?? requirements.ssh.defaultMaxWindowHours;
        const out: Violation[] = [];
        for (const r of sshRules(ctx)) {
            const where = `${r.label} on ${r.group.label} admits SSH (TCP ${requirements.ssh.port})`;
            const expires = statedExpiry(r.description);
            if (!expires) {
                out.push({ urn: r.resource.urn, message: `${where} but states no expiry: its description must end in "${requirements.ssh.descriptionExpiresTag}<RFC 3339 time>" (the component's sshAccess writes it).` });
            } else if (expires.getTime() <= ctx.now.getTime()) {
                out.push({ urn: r.resource.urn, message: `${where} and expired at ${expires.toISOString()}, ${hours(ctx.now.getTime() - expires.getTime())} ago: remove it (a deployment of the component after the expiry removes its own).` });
            } else if (expires.getTime() - ctx.now.getTime() > maxHours * 3600_000) {
                out.push({ urn: r.resource.urn, message: `${where} until ${expires.toISOString()}, ${hours(expires.getTime() - ctx.now.getTime())} from now, beyond the maximum SSH window of ${maxHours}h (maxSshWindowHours).` });
            }
        }
        return out;
    },
};
