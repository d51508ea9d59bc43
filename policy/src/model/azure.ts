// Azure: the network security groups tagged threatmanager:role=appliances, the SecurityRule resources
// in them and their inline securityRules; the Logic App workflows that delete SSH rules. An NSG allows
// inbound from the whole virtual network and outbound to the internet by default, so it must end in
// deny-all rules.

import { parsePrefix } from "../cidr";
import { Direction, requirements } from "../requirements";
import { isUnknown, label, list, num, Res, str, tags } from "../resources";
import { ApplianceGroup, ApplianceRule, Cloud, Model, normalizeProtocol, parsePorts, parseTime, Peer, Scheduler, Traffic, UTC_ZONES } from "./types";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";
const WORKFLOW = "azure-native:logic:Workflow";

/** A Logic App workflow whose recurrence trigger fires an action that DELETEs security rules. */
const workflow: Scheduler = {
    type: WORKFLOW,
    closes: (closer, rule) => {
        const p = closer.props;
        if (str(p.state) === "Disabled") return false;
        if (closer.deps.definition?.includes(rule.resource)) return true;
        const name = str(rule.resource.props.securityRuleName) ?? str(rule.resource.props.name);
        const actions = Object.values(p.definition?.actions ?? {}) as any[];
        return !!name && actions.some(a => str(a?.inputs?.method)?.toUpperCase() === "DELETE" && new RegExp(`/securityRules/${name}(\\?|$)`, "i").test(str(a?.inputs?.uri) ?? ""));
    },
    // A recurrence whose start has passed fires next a recurrence later.
    firesAt: (closer, from) => {
        const triggers = Object.values(closer.props.definition?.triggers ?? {}) as any[];
        const starts = triggers.map(t => (UTC_ZONES.has(str(t?.recurrence?.timeZone)) ? recurrenceAtOrAfter(t?.recurrence, parseTime(str(t?.recurrence?.startTime)), from) : undefined));
        return starts.length === 1 ? starts[0] : undefined;
    },
};

export const azure: Cloud = {
    name: "azure",
    title: "Azure",
    groupKind: "network security group",
    model: resources => azureModel(resources),
    schedulers: [workflow],
    denyAll: {
        priority: requirements.denyAll.azure.priority,
        missingFrom: group => `${group.label} has no`,
    },
};

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

/** Azure's words for every address: "*", and the Internet service tag. */
const EVERY_ADDRESS = new Set(["*", "internet", "any"]);

function nsgKey(resourceGroup: unknown, name: unknown): string | undefined {
    const rg = str(resourceGroup), n = str(name);
    return rg && n ? `${rg.toLowerCase()}/${n.toLowerCase()}` : undefined;
}

function traffic(rule: Record<string, any>): Traffic[] | undefined {
    const p = str(rule.protocol);
    const ranges = [...(list(rule.destinationPortRanges) ?? [undefined]), ...(rule.destinationPortRange === undefined ? [] : [rule.destinationPortRange])];
    if (p === undefined || ranges.some(r => isUnknown(r))) return undefined;
    const protocol = normalizeProtocol(p);
    const out: Traffic[] = [];
    for (const r of ranges.length ? ranges : ["*"]) {
        const ports = parsePorts(String(r));
        // A port range Azure would refuse cannot be judged; treat it as every port.
        out.push({ protocol, fromPort: ports?.[0] ?? 0, toPort: ports?.[1] ?? 65535 });
    }
    return out;
}

/** The far side of a rule: the sources of an inbound rule, the destinations of an outbound one. */
function peers(rule: Record<string, any>, direction: Direction): Peer[] {
    const side = direction === "ingress" ? "source" : "destination";
    const values = [...(list(rule[`${side}AddressPrefixes`]) ?? ["?unknown"]), ...(rule[`${side}AddressPrefix`] === undefined ? [] : [rule[`${side}AddressPrefix`]])];
    const out: Peer[] = values.map(v => {
        if (v === "?unknown" || isUnknown(v)) return { kind: "unknown", text: "address prefixes not known until the deployment" };
        const text = String(v);
        if (EVERY_ADDRESS.has(text.toLowerCase())) return { kind: "any", text: `"${text}"` };
        const prefix = parsePrefix(text);
        return prefix ? { kind: "prefix", prefix } : { kind: "named", text: `service tag "${text}"` };
    });
    for (const asg of list(rule[`${side}ApplicationSecurityGroups`]) ?? []) {
        out.push({ kind: "named", text: `application security group ${str(asg?.id) ?? "(not known yet)"}` });
    }
    return out;
}

function azureModel(resources: readonly Res[]): Model {
    const marker = requirements.marker;
    // Azure reads tag names without regard to case.
    const marked = (r: Res) => Object.entries(tags(r)).some(([k, v]) => k.toLowerCase() === marker.tag && v === marker.appliances);
    const nsgs = resources.filter(r => r.type === NSG && marked(r));
    const groups = new Map<Res, ApplianceGroup>(nsgs.map(g => [g, { cloud: azure, key: `azure:${g.urn}`, label: label(g), resource: g }]));
    const byName = new Map<string, Res>();
    for (const g of nsgs) {
        const key = nsgKey(g.props.resourceGroupName, g.props.networkSecurityGroupName ?? g.props.name);
        if (key) byName.set(key, g);
    }

    const rules: ApplianceRule[] = [];
    const add = (resource: Res, group: Res, rule: Record<string, any>, inline: boolean, ruleLabel: string) => {
        const direction: Direction = str(rule.direction)?.toLowerCase() === "outbound" ? "egress" : "ingress";
        rules.push({
            cloud: azure, resource, label: ruleLabel, group: groups.get(group)!, direction,
            access: str(rule.access)?.toLowerCase() === "deny" ? "deny" : "allow",
            traffic: traffic(rule), peers: peers(rule, direction), priority: num(rule.priority),
            description: str(rule.description), disabled: false, inline,
        });
    };

    const named = new Set<string>();
    for (const r of resources.filter(r => r.type === SECURITY_RULE)) {
        const group = r.deps.networkSecurityGroupName?.find(d => groups.has(d)) ?? byName.get(nsgKey(r.props.resourceGroupName, r.props.networkSecurityGroupName) ?? "");
        if (!group) continue;
        add(r, group, r.props, false, label(r));
        const name = str(r.props.securityRuleName) ?? str(r.props.name);
        if (name) named.add(`${group.urn}/${name.toLowerCase()}`);
    }
    // The group's securityRules are its inline rules and, once refreshed, the SecurityRule resources too.
    for (const group of nsgs) {
        for (const rule of list(group.props.securityRules) ?? []) {
            const name = str(rule?.name) ?? "(unnamed)";
            if (!rule || named.has(`${group.urn}/${name.toLowerCase()}`)) continue;
            add(group, group, rule, true, `security rule "${name}" inline in ${label(group)}`);
        }
    }
    return { groups: [...groups.values()], rules };
}
