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
 * When a closer next fires, at or after `from` (the check passes the time of the analysis): never a firing
 * before `from`; undefined when that cannot be read (not known yet, another time zone, a cron that repeats
 * more often than once a year).
 *
 * That matters for the schedules that repeat: GCP's cron has no year, so a date earlier in the year than
 * `from` fires the NEXT year; an Azure recurrence whose start has passed fires next a recurrence later.
 * AWS's at() fires once, at its time.
 */
export function firesAt(closer: Res, from: Date): Date | undefined {
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
            const starts = triggers.map(t => (UTC.has(str(t?.recurrence?.timeZone)) ? recurrenceAtOrAfter(t?.recurrence, at(str(t?.recurrence?.startTime)), from) : undefined));
            return starts.length === 1 ? starts[0] : undefined;
        }
        case "gcp:cloudscheduler/job:Job": {
            // The component pins the cron to one minute of one day of one month.
            const m = /^(\d+) (\d+) (\d+) (\d+) \*$/.exec(str(p.schedule) ?? "");
            if (!m || !UTC.has(str(p.timeZone))) return undefined;
            return pinnedCronAtOrAfter(+m[1], +m[2], +m[3], +m[4], from);
        }
    }
    return undefined;
}

/**
 * The first time at or after `from` that a cron line "minute hour day month *" (read in UTC) matches. Cron has
 * no year: the date of `from`'s year if that is not before `from`, else the next year that has the date (Feb
 * 29 waits for a leap year). Undefined for fields out of range or a date no year has (Feb 30).
 */
export function pinnedCronAtOrAfter(minute: number, hour: number, day: number, month: number, from: Date): Date | undefined {
    if (minute > 59 || hour > 23 || day < 1 || day > 31 || month < 1 || month > 12) return undefined;
    // Eight years reach the next Feb 29 even across a century that skips one (2096, 2104).
    for (let year = from.getUTCFullYear(); year <= from.getUTCFullYear() + 8; year++) {
        const t = new Date(Date.UTC(year, month - 1, day, hour, minute));
        // Date.UTC rolls Feb 29 of a common year over to Mar 1: that is no match.
        if (t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) continue;
        if (t.getTime() >= from.getTime()) return t;
    }
    return undefined;
}

const FIXED_MS: Record<string, number> = { Second: 1_000, Minute: 60_000, Hour: 3_600_000, Day: 86_400_000, Week: 7 * 86_400_000 };

/**
 * The first firing at or after `from` of a Logic Apps recurrence that starts at `start`: `start` itself when it
 * is not before `from`, else the next recurrence (every `interval` units of `frequency`) that is.
 */
function recurrenceAtOrAfter(recurrence: any, start: Date | undefined, from: Date): Date | undefined {
    if (!start) return undefined;
    if (start.getTime() >= from.getTime()) return start;
    const frequency = str(recurrence?.frequency);
    const interval = Number(recurrence?.interval ?? 1);
    if (!frequency || !Number.isInteger(interval) || interval < 1) return undefined;
    if (frequency in FIXED_MS) {
        const step = FIXED_MS[frequency] * interval;
        return new Date(start.getTime() + Math.ceil((from.getTime() - start.getTime()) / step) * step);
    }
    const months = frequency === "Month" ? interval : frequency === "Year" ? 12 * interval : undefined;
    if (!months) return undefined;
    for (let k = 1; k <= 1200; k++) {
        const t = new Date(start.getTime());
        t.setUTCMonth(t.getUTCMonth() + k * months);
        if (t.getTime() >= from.getTime()) return t;
    }
    return undefined;
}

const MINUTE = 60_000;

export const sshClosedInCloud: Check = {
    name: "ssh-closed-in-cloud",
    description: "An open SSH window has a scheduler in the cloud that removes or disables its rule at its expiry (not a year late, nor early), whether or not anyone deploys.",
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
        // The clouds' schedulers fire on whole minutes: the component rounds the expiry up to one. The
        // closer that fires first is what closes the window: on time is from the expiry to that minute.
        const deadline = Math.ceil(expires.getTime() / MINUTE) * MINUTE;
        const times = closers.map(c => firesAt(c, ctx.now)?.getTime());
        if (times.some(t => t === undefined)) return [];
        const first = Math.min(...(times as number[]));
        if (first >= expires.getTime() && first <= deadline) return [];
        const when = first > deadline ? "only at" : "early, at";
        return [{
            urn: r.resource.urn,
            message: `${r.label} on ${r.group.label} admits SSH until ${expires.toISOString()}, but the cloud closes it ${when} ${new Date(first).toISOString()}.`,
        }];
    }),
};
