// GCP: firewall rules that apply to instances with an appliance network tag: those that target the tag,
// and those with no target on the same network (they apply to every instance) above the tag's deny-all.

import { parsePrefix } from "../cidr";
import { Config, Direction, gcpApplianceTags, requirements } from "../requirements";
import { isUnknown, label, list, num, Res, str } from "../resources";
import { ApplianceGroup, ApplianceRule, normalizeProtocol, parsePorts, Peer, Traffic } from "./types";

const FIREWALL = "gcp:compute/firewall:Firewall";
/** GCP's default priority, for a rule that sets none. */
const DEFAULT_PRIORITY = 1000;

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

export function gcpModel(resources: readonly Res[], config: Config): { groups: ApplianceGroup[]; rules: ApplianceRule[] } {
    const applianceTags = gcpApplianceTags(config, resources);
    const firewalls = resources.filter(r => r.type === FIREWALL);
    const groups = new Map<string, ApplianceGroup>();
    const groupOf = (tag: string, network: string) => {
        const key = `gcp:${network}#${tag}`;
        if (!groups.has(key)) groups.set(key, { cloud: "gcp", key, label: `GCP network tag "${tag}" on network "${network}"` });
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
            cloud: "gcp", resource: fw, label: label(fw), group, direction: direction(fw.props), access: a,
            traffic: traffic(fw.props, a), peers: peers(fw.props, direction(fw.props)),
            priority: num(fw.props.priority) ?? DEFAULT_PRIORITY, description: str(fw.props.description),
            disabled: fw.props.disabled === true, inline: false,
        };
    });
    return { groups: [...groups.values()], rules };
}
