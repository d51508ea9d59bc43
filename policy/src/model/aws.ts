// AWS: the security groups tagged threatmanager:role=appliances, the rule resources that name them
// (vpc.SecurityGroupIngressRule and EgressRule, ec2.SecurityGroupRule) and their inline rules; the
// EventBridge Scheduler schedules that revoke SSH rules. A security group denies what no rule allows,
// so AWS needs no deny-all rules.

import { parsePrefix } from "../cidr";
import { Direction, requirements } from "../requirements";
import { isUnknown, label, list, num, Res, str, tags } from "../resources";
import { ApplianceGroup, ApplianceRule, Cloud, hasPorts, Model, normalizeProtocol, parseTime, Peer, Scheduler, Traffic, UTC_ZONES } from "./types";

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

/** An EventBridge Scheduler schedule that revokes security group rules, once, at its at() time. */
const schedule: Scheduler = {
    type: SCHEDULE,
    closes: (closer, rule) => {
        const p = closer.props;
        if (!/:revokeSecurityGroupIngress$/i.test(str(p.target?.arn) ?? "") || str(p.state) === "DISABLED") return false;
        if (closer.deps.target?.includes(rule.resource)) return true;
        // A saved state names the rules by id in the schedule's input.
        const id = str(rule.resource.props.securityGroupRuleId);
        try {
            return !!id && (JSON.parse(str(p.target?.input) ?? "{}").SecurityGroupRuleIds ?? []).includes(id);
        } catch {
            return false;
        }
    },
    // at() fires once, at its time.
    firesAt: closer => {
        const p = closer.props;
        const m = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(str(p.scheduleExpression) ?? "");
        return m && UTC_ZONES.has(str(p.scheduleExpressionTimezone)) ? parseTime(`${m[1]}Z`) : undefined;
    },
};

export const aws: Cloud = {
    name: "aws",
    title: "AWS",
    groupKind: "security group",
    model: resources => awsModel(resources),
    schedulers: [schedule],
};

/** The resource's AWS id: the id property, else the end of its ARN ("…:security-group/sg-…"). */
function awsId(r: Res): string | undefined {
    const id = str(r.props.id);
    if (id) return id;
    const arn = str(r.props.arn);
    return arn?.slice(arn.lastIndexOf("/") + 1) || undefined;
}

/** The resource a rule's property names: through the engine's recorded dependency, else by id. */
function referenced(rule: Res, prop: string, value: unknown, candidates: readonly Res[]): Res | undefined {
    const viaDeps = rule.deps[prop]?.find(d => candidates.includes(d));
    if (viaDeps) return viaDeps;
    const id = str(value);
    return id === undefined ? undefined : candidates.find(c => awsId(c) === id);
}

function traffic(protocol: unknown, from: unknown, to: unknown): Traffic[] | undefined {
    const p = str(protocol);
    if (p === undefined) return undefined;
    const proto = normalizeProtocol(p);
    if (!hasPorts(proto)) return [{ protocol: proto, fromPort: 0, toPort: 65535 }];
    const f = num(from), t = num(to);
    if (isUnknown(from) || isUnknown(to)) return undefined;
    // AWS reads a missing or -1 port range on tcp/udp as every port.
    return [{ protocol: proto, fromPort: f === undefined || f < 0 ? 0 : f, toPort: t === undefined || t < 0 ? 65535 : t }];
}

function awsModel(resources: readonly Res[]): Model {
    const marker = requirements.marker;
    const groupResources = resources.filter(r => r.type === SECURITY_GROUP && tags(r)[marker.tag] === marker.appliances);
    const prefixLists = resources.filter(r => r.type === PREFIX_LIST);
    const groups = new Map<Res, ApplianceGroup>(groupResources.map(g => [g, { cloud: aws, key: `aws:${g.urn}`, label: label(g), resource: g }]));

    // A prefix list stands for its entries, each checked as a range.
    const prefixListPeers = (rule: Res, prop: string, value: unknown): Peer[] => {
        const pl = referenced(rule, prop, value, prefixLists);
        if (!pl) {
            if (str(value) === undefined) return [{ kind: "unknown", text: "a prefix list not known until the deployment" }];
            return [{ kind: "named", text: `prefix list ${value} (not in this stack, so its ranges cannot be checked)` }];
        }
        const entries = list(pl.props.entries);
        if (!entries || entries.some(e => str(e?.cidr) === undefined)) return [{ kind: "unknown", text: `prefix list "${pl.name}", whose entries are not known yet` }];
        return entries.map(e => {
            const peer = cidrPeer(e.cidr);
            return peer.kind === "prefix" ? { ...peer, via: `prefix list "${pl.name}"` } : peer;
        });
    };

    const rules: ApplianceRule[] = [];
    const add = (resource: Res, group: Res, direction: Direction, t: Traffic[] | undefined, peers: Peer[], description: unknown, inline: boolean, ruleLabel: string) => {
        rules.push({
            cloud: aws, resource, label: ruleLabel, group: groups.get(group)!, direction, access: "allow",
            traffic: t, peers, description: str(description), disabled: false, inline,
        });
    };

    const seen = new Set<string>();
    for (const r of resources) {
        if (r.type === INGRESS_RULE || r.type === EGRESS_RULE) {
            const group = referenced(r, "securityGroupId", r.props.securityGroupId, groupResources);
            if (!group) continue;
            const peers: Peer[] = [];
            if (r.props.cidrIpv4 !== undefined) peers.push(cidrPeer(r.props.cidrIpv4));
            if (r.props.cidrIpv6 !== undefined) peers.push(cidrPeer(r.props.cidrIpv6));
            if (r.props.prefixListId !== undefined) peers.push(...prefixListPeers(r, "prefixListId", r.props.prefixListId));
            if (r.props.referencedSecurityGroupId !== undefined) peers.push(groupPeer(r.props.referencedSecurityGroupId, resources));
            const direction = r.type === INGRESS_RULE ? "ingress" : "egress";
            const t = traffic(r.props.ipProtocol, r.props.fromPort, r.props.toPort);
            add(r, group, direction, t, peers, r.props.description, false, label(r));
            peers.forEach(p => seen.add(peerKey(group, direction, t, p)));
        } else if (r.type === LEGACY_RULE) {
            const group = referenced(r, "securityGroupId", r.props.securityGroupId, groupResources);
            if (!group) continue;
            const direction = str(r.props.type) === "egress" ? "egress" : "ingress";
            const peers = entryPeers(r, r.props, resources, prefixListPeers, "sourceSecurityGroupId");
            const t = traffic(r.props.protocol, r.props.fromPort, r.props.toPort);
            add(r, group, direction, t, peers, r.props.description, false, label(r));
            peers.forEach(p => seen.add(peerKey(group, direction, t, p)));
        }
    }
    // A group's ingress and egress list its inline rules and, once refreshed, the rule resources' too,
    // merged as AWS returns them (one entry per protocol and ports, with every range): only the peers
    // that no rule resource holds are inline rules of their own.
    for (const group of groupResources) {
        for (const direction of ["ingress", "egress"] as const) {
            (list(group.props[direction]) ?? []).forEach((entry, i) => {
                if (!entry || typeof entry !== "object") return;
                const t = traffic(entry.protocol, entry.fromPort, entry.toPort);
                const peers = entryPeers(group, entry, resources, prefixListPeers, "securityGroups")
                    .filter(p => !seen.has(peerKey(group, direction, t, p)));
                if (!peers.length) return;
                add(group, group, direction, t, peers, entry.description, true, `${direction} rule ${i + 1} inline in ${label(group)}`);
            });
        }
    }
    return { groups: [...groups.values()], rules };
}

function cidrPeer(v: unknown): Peer {
    if (isUnknown(v)) return { kind: "unknown", text: "a range not known until the deployment" };
    const p = typeof v === "string" ? parsePrefix(v) : undefined;
    return p ? { kind: "prefix", prefix: p } : { kind: "named", text: String(v) };
}

function groupPeer(id: unknown, resources: readonly Res[]): Peer {
    if (isUnknown(id)) return { kind: "named", text: "a security group (not known until the deployment)" };
    const g = resources.find(r => r.type === SECURITY_GROUP && awsId(r) === id);
    return { kind: "named", text: g ? `security group ${label(g)}` : `security group ${id}` };
}

/** The peers of an inline entry or an ec2.SecurityGroupRule: ranges, prefix lists, groups, itself. */
function entryPeers(owner: Res, e: Record<string, any>, resources: readonly Res[], prefixListPeers: (r: Res, prop: string, v: unknown) => Peer[], groupsProp: string): Peer[] {
    const peers: Peer[] = [];
    const each = (v: unknown, f: (x: unknown) => Peer | Peer[]) => {
        const l = list(v);
        if (l === undefined) peers.push({ kind: "unknown", text: "ranges not known until the deployment" });
        else l.forEach(x => peers.push(...[f(x)].flat()));
    };
    each(e.cidrBlocks, cidrPeer);
    each(e.ipv6CidrBlocks, cidrPeer);
    each(e.prefixListIds, id => prefixListPeers(owner, "prefixListIds", id));
    each(e[groupsProp], id => groupPeer(id, resources));
    if (e.self === true) peers.push({ kind: "named", text: "the group itself (self)" });
    return peers;
}

function peerKey(group: Res, direction: string, t: Traffic[] | undefined, p: Peer): string {
    return [group.urn, direction, JSON.stringify(t), p.kind === "prefix" ? p.prefix.text : p.text].join("|");
}
