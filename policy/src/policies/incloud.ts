// Advisory: an open SSH window is closed by the cloud itself at its expiry, not only by the next
// deployment: a scheduler in the stack names the rule (the component's sshAccess.enforceInCloud).

import { Check, Context } from "../context";
import { ApplianceRule } from "../model";
import { list, Res, str } from "../resources";
import { sshRules, statedExpiry } from "./ssh";

/** The rule's own name in its cloud: the AWS rule id, the Azure rule name, the GCP firewall name. */
function cloudName(r: ApplianceRule): string | undefined {
    const p = r.resource.props;
    return str(p.securityGroupRuleId) ?? str(p.securityRuleName) ?? str(p.name);
}

function closes(closer: Res, rule: ApplianceRule): boolean {
    const p = closer.props;
    const name = cloudName(rule);
    switch (closer.type) {
        case "aws:scheduler/schedule:Schedule": {
            if (!/:revokeSecurityGroupIngress$/i.test(str(p.target?.arn) ?? "") || str(p.state) === "DISABLED") return false;
            if (closer.deps.target?.includes(rule.resource)) return true;
            try {
                return !!name && (JSON.parse(str(p.target?.input) ?? "{}").SecurityGroupRuleIds ?? []).includes(name);
            } catch {
                return false;
            }
        }
        case "azure-native:logic:Workflow": {
            if (str(p.state) === "Disabled") return false;
            if (closer.deps.definition?.includes(rule.resource)) return true;
            const actions = Object.values(p.definition?.actions ?? {}) as any[];
            return !!name && actions.some(a => str(a?.inputs?.method)?.toUpperCase() === "DELETE" && new RegExp(`/securityRules/${name}(\\?|$)`, "i").test(str(a?.inputs?.uri) ?? ""));
        }
        case "gcp:cloudscheduler/job:Job": {
            if (p.paused === true) return false;
            if (closer.deps.httpTarget?.includes(rule.resource)) return true;
            return !!name && new RegExp(`/firewalls/${name}(\\?|$)`).test(str(p.httpTarget?.uri) ?? "");
        }
    }
    return false;
}

const UTC = new Set([undefined, "UTC", "Etc/UTC"]);

/**
 * When a closer fires for a window that expires at `expires`: undefined when that cannot be read (not
 * known yet, another time zone, a cron that repeats).
 */
export function firesAt(closer: Res, expires: Date): Date | undefined {
    const p = closer.props;
    const at = (text: string | undefined) => {
        const t = text ? new Date(text) : undefined;
        return t && !isNaN(t.getTime()) ? t : undefined;
    };
    switch (closer.type) {
        case "aws:scheduler/schedule:Schedule": {
            const m = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(str(p.scheduleExpression) ?? "");
            return m && UTC.has(str(p.scheduleExpressionTimezone)) ? at(`${m[1]}Z`) : undefined;
        }
        case "azure-native:logic:Workflow": {
            const triggers = Object.values(p.definition?.triggers ?? {}) as any[];
            const starts = triggers.map(t => (UTC.has(str(t?.recurrence?.timeZone)) ? at(str(t?.recurrence?.startTime)) : undefined));
            return starts.length === 1 ? starts[0] : undefined;
        }
        case "gcp:cloudscheduler/job:Job": {
            // The component pins the cron to one minute of one day; cron has no year, so it is the expiry's.
            const m = /^(\d+) (\d+) (\d+) (\d+) \*$/.exec(str(p.schedule) ?? "");
            if (!m || !UTC.has(str(p.timeZone))) return undefined;
            return new Date(Date.UTC(expires.getUTCFullYear(), +m[4] - 1, +m[3], +m[2], +m[1]));
        }
    }
    return undefined;
}

const MINUTE = 60_000;

export const sshClosedInCloud: Check = {
    name: "ssh-closed-in-cloud",
    description: "An open SSH window has a scheduler in the cloud that removes or disables its rule at the expiry, whether or not anyone deploys.",
    enforcementLevel: "advisory",
    config: ["gcpApplianceTags"],
    check: ctx => sshRules(ctx).flatMap(r => {
        const expires = statedExpiry(r.description);
        // An expired window is ssh-time-boxed's to report.
        if (expires && expires.getTime() <= ctx.now.getTime()) return [];
        const until = expires ? ` until ${expires.toISOString()}` : "";
        const closers = r.inline ? [] : ctx.resources.filter(c => closes(c, r));
        if (!closers.length) {
            return [{
                urn: r.resource.urn,
                message: `${r.label} on ${r.group.label} admits SSH${until}, but nothing in the cloud closes it at its expiry: ` +
                    `use the component's sshAccess with enforceInCloud (its default), or remove the rule when troubleshooting ends.`,
            }];
        }
        if (!expires) return [];
        // The clouds' schedulers fire on whole minutes: the component rounds the expiry up to one.
        const deadline = Math.ceil(expires.getTime() / MINUTE) * MINUTE;
        const times = closers.map(c => firesAt(c, expires)?.getTime());
        if (times.some(t => t === undefined)) return [];
        const first = Math.min(...(times as number[]));
        if (first <= deadline) return [];
        return [{
            urn: r.resource.urn,
            message: `${r.label} on ${r.group.label} admits SSH until ${expires.toISOString()}, but the cloud closes it only at ${new Date(first).toISOString()}.`,
        }];
    }),
};
