// Azure: the network security groups tagged threatmanager:role=appliances, the SecurityRule resources
// in them and their inline securityRules.

import { parsePrefix } from "../cidr";
import { Direction, requirements } from "../requirements";
import { isUnknown, label, list, num, Res, str, tags } from "../resources";
import { ApplianceGroup, ApplianceRule, normalizeProtocol, parsePorts, Peer, Traffic } from "./types";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";

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

export function azureModel(resources: readonly Res[]): { groups: ApplianceGroup[]; rules: ApplianceRule[] } {
    const marker = requirements.marker;
    // Azure reads tag names without regard to case.
    const marked = (r: Res) => Object.entries(tags(r)).some(([k, v]) => k.toLowerCase() === marker.tag && v === marker.appliances);
    const nsgs = resources.filter(r => r.type === NSG && marked(r));
    const groups = new Map<Res, ApplianceGroup>(nsgs.map(g => [g, { cloud: "azure", key: `azure:${g.urn}`, label: label(g), resource: g }]));
    const byName = new Map<string, Res>();
    for (const g of nsgs) {
        const key = nsgKey(g.props.resourceGroupName, g.props.networkSecurityGroupName ?? g.props.name);
        if (key) byName.set(key, g);
    }

    const rules: ApplianceRule[] = [];
    const add = (resource: Res, group: Res, rule: Record<string, any>, inline: boolean, ruleLabel: string) => {
        const direction: Direction = str(rule.direction)?.toLowerCase() === "outbound" ? "egress" : "ingress";
        rules.push({
            cloud: "azure", resource, label: ruleLabel, group: groups.get(group)!, direction,
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
