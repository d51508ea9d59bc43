// GCP: firewall rules that apply to instances with an appliance network tag: those that target the tag,
// and those with no target on the same network (they apply to every instance) above the tag's deny-all;
// the Cloud Scheduler jobs that delete SSH firewalls. GCP's implied rule allows all egress, and VPC-wide
// allows such as default-allow-internal admit everything inside, so a tag must end in deny-all rules.

import { parsePrefix } from "../cidr";
import { Config, Direction, requirements } from "../requirements";
import { component, isUnknown, label, list, num, Res, str } from "../resources";
import { ApplianceGroup, ApplianceRule, Cloud, Model, normalizeProtocol, parsePorts, Peer, Scheduler, Traffic, UTC_ZONES } from "./types";

const FIREWALL = "gcp:compute/firewall:Firewall";
const JOB = "gcp:cloudscheduler/job:Job";
/** GCP's default priority, for a rule that sets none. */
const DEFAULT_PRIORITY = 1000;

/** A Cloud Scheduler job that DELETEs a firewall over HTTP, on a cron the component pins to one minute. */
const job: Scheduler = {
    type: JOB,
    closes: (closer, rule) => {
        const p = closer.props;
        if (p.paused === true) return false;
        if (closer.deps.httpTarget?.includes(rule.resource)) return true;
        const name = str(rule.resource.props.name);
        return !!name && new RegExp(`/firewalls/${name}(\\?|$)`).test(str(p.httpTarget?.uri) ?? "");
    },
    // Cron has no year: a date earlier in the year than `from` fires the NEXT year.
    firesAt: (closer, from) => {
        const p = closer.props;
        const m = /^(\d+) (\d+) (\d+) (\d+) \*$/.exec(str(p.schedule) ?? "");
        if (!m || !UTC_ZONES.has(str(p.timeZone))) return undefined;
        return pinnedCronAtOrAfter(+m[1], +m[2], +m[3], +m[4], from);
    },
};

export const gcp: Cloud = {
    name: "gcp",
    title: "GCP",
    groupKind: "network tag",
    config: {
        gcpApplianceTags: { type: "array", items: { type: "string" }, description: "GCP network tags of appliances, besides the target tags of the ThreatManager components' firewalls." },
    },
    model: (resources, config) => gcpModel(resources, config),
    schedulers: [job],
    denyAll: {
        priority: requirements.denyAll.gcp.priority,
        missingFrom: group => `${group.label}: no firewall rule targeting it is a`,
    },
};

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

/** The GCP network tags that mark appliances: the components' target tags and the configured ones. */
function gcpApplianceTags(config: Config, resources: readonly Res[]): Set<string> {
    const tags = new Set((config.gcpApplianceTags as string[] | undefined) ?? []);
    for (const r of resources) {
        if (r.type === "threatmanager:index:ThreatManager") {
            const out = str(r.props.gcpTargetTag);
            if (out) tags.add(out);
        } else if (r.type === FIREWALL && component(r)) {
            for (const t of list(r.props.targetTags) ?? []) if (str(t)) tags.add(t);
        }
    }
    return tags;
}

/** "net", "projects/p/global/networks/net" and its URL are the same network. */
function networkName(v: unknown): string | undefined {
    const s = str(v);
    return s?.slice(s.lastIndexOf("/") + 1);
}

function traffic(fw: Record<string, any>, access: "allow" | "deny"): Traffic[] | undefined {
    const blocks = list(fw[access === "allow" ? "allows" : "denies"]);
    if (blocks === undefined) return undefined;
    const out: Traffic[] = [];
    for (const b of blocks) {
        const p = str(b?.protocol);
        const ports = list(b?.ports);
        if (p === undefined || ports === undefined) return undefined;
        const protocol = normalizeProtocol(p);
        if (!ports.length) out.push({ protocol, fromPort: 0, toPort: 65535 });
        for (const text of ports) {
            const range = parsePorts(String(text));
            out.push({ protocol, fromPort: range?.[0] ?? 0, toPort: range?.[1] ?? 65535 });
        }
    }
    return out;
}

function peers(fw: Record<string, any>, direction: Direction): Peer[] {
    const ranges = list(fw[direction === "ingress" ? "sourceRanges" : "destinationRanges"]);
    if (ranges === undefined) return [{ kind: "unknown", text: "ranges not known until the deployment" }];
    const out: Peer[] = ranges.map(v => {
        if (isUnknown(v)) return { kind: "unknown", text: "a range not known until the deployment" };
        const prefix = parsePrefix(String(v));
        return prefix ? { kind: "prefix", prefix } : { kind: "named", text: String(v) };
    });
    if (direction === "ingress") {
        for (const t of list(fw.sourceTags) ?? []) out.push({ kind: "named", text: `instances tagged "${t}"` });
        for (const a of list(fw.sourceServiceAccounts) ?? []) out.push({ kind: "named", text: `instances running as ${a}` });
    }
    // With no source or destination, GCP applies the rule to every address.
    if (!out.length) out.push({ kind: "any", text: `no ${direction === "ingress" ? "source" : "destination"} (GCP reads it as 0.0.0.0/0)` });
    return out;
}

function direction(fw: Record<string, any>): Direction {
    return str(fw.direction)?.toUpperCase() === "EGRESS" ? "egress" : "ingress";
}

function access(fw: Record<string, any>): "allow" | "deny" {
    return (list(fw.denies) ?? []).length ? "deny" : "allow";
}

function gcpModel(resources: readonly Res[], config: Config): Model {
    const applianceTags = gcpApplianceTags(config, resources);
    const firewalls = resources.filter(r => r.type === FIREWALL);
    const groups = new Map<string, ApplianceGroup>();
    const groupOf = (tag: string, network: string) => {
        const key = `gcp:${network}#${tag}`;
        if (!groups.has(key)) groups.set(key, { cloud: gcp, key, label: `GCP network tag "${tag}" on network "${network}"` });
        return groups.get(key)!;
    };
    const targeted = firewalls.flatMap(fw => {
        const network = networkName(fw.props.network);
        return (list(fw.props.targetTags) ?? []).filter(t => applianceTags.has(t) && network).map(t => ({ fw, group: groupOf(t, network!) }));
    });
    // Untargeted rules reach the appliances unless the tag's deny-all of that direction comes first.
    const denyAllPriority = (group: ApplianceGroup, dir: Direction) =>
        Math.min(...targeted.filter(x => x.group === group && direction(x.fw.props) === dir && access(x.fw.props) === "deny" && x.fw.props.disabled !== true)
            .map(x => num(x.fw.props.priority) ?? DEFAULT_PRIORITY));
    const untargeted = firewalls.flatMap(fw => {
        if (list(fw.props.targetTags)?.length !== 0 || list(fw.props.targetServiceAccounts)?.length !== 0) return [];
        const network = networkName(fw.props.network);
        const priority = num(fw.props.priority) ?? DEFAULT_PRIORITY;
        return [...groups.values()]
            .filter(g => g.key.startsWith(`gcp:${network}#`) && priority < denyAllPriority(g, direction(fw.props)))
            .map(group => ({ fw, group }));
    });

    const rules: ApplianceRule[] = [...targeted, ...untargeted].map(({ fw, group }) => {
        const a = access(fw.props);
        return {
            cloud: gcp, resource: fw, label: label(fw), group, direction: direction(fw.props), access: a,
            traffic: traffic(fw.props, a), peers: peers(fw.props, direction(fw.props)),
            priority: num(fw.props.priority) ?? DEFAULT_PRIORITY, description: str(fw.props.description),
            disabled: fw.props.disabled === true, inline: false,
        };
    });
    return { groups: [...groups.values()], rules };
}
