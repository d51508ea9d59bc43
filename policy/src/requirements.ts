// The networking requirements the policies hold a stack to: requirements.json (generated from the
// component's Go data, so the two never disagree) resolved with the pack's configuration, which mirrors
// the component's inputs and defaults to the seed's values.

import { parsePrefix, Prefix } from "./cidr";
import { list, Res, str } from "./resources";
import data from "../requirements.json";

export const requirements = data;

export type Direction = "ingress" | "egress";

/** One requirement with its peers resolved: the traffic the appliances may have. */
export interface Allowed {
    purpose: string;
    direction: Direction;
    protocol: string;
    fromPort: number;
    toPort: number;
    /** Undefined when the agent ranges are not known (configure agentCidrs). */
    peers: Prefix[] | undefined;
    peerSet: string;
}

/** The pack's configuration, as a policy's getConfig returns it. */
export interface Config {
    datacenter?: string;
    agentCidrs?: string[];
    dnsServers?: string[];
    egressHttp?: boolean;
    activeScanning?: boolean;
    datacenterRanges?: string[];
    datacenterNtpRanges?: string[];
    extraNtpRanges?: string[];
    sshSources?: string[];
    maxSshWindowHours?: number;
    denyOtherInbound?: boolean;
    /** A cloud's own settings, which its model declares (Cloud.config) and reads. */
    [cloudSetting: string]: unknown;
}

/** A configured range list, refusing what is not a CIDR so that a typo cannot widen a policy. */
function prefixes(field: string, values: readonly string[]): Prefix[] {
    return values.map((v, i) => {
        const p = parsePrefix(v);
        if (!p) throw new Error(`threatmanager-policies config ${field}[${i}]: "${v}" is not a CIDR range`);
        return p;
    });
}

/** The agent ranges: configured, else what the stack's ThreatManager components were given. */
export function agentRanges(config: Config, resources: readonly Res[]): Prefix[] | undefined {
    if (config.agentCidrs) return prefixes("agentCidrs", config.agentCidrs);
    const found: Prefix[] = [];
    let known = true;
    for (const r of resources.filter(r => r.type === "threatmanager:index:ThreatManager")) {
        // A preview shows the component's inputs; a saved state, its outputs (the rule table).
        const given = list(r.props.agentCidrs);
        const table = list(r.props.rules);
        const cidrs = given?.length ? given : table?.filter(row => row && (row.purpose === "agent-updates" || row.purpose === "active-scanning")).flatMap(row => list(row.peers) ?? []);
        if (!cidrs || cidrs.some(c => str(c) === undefined)) {
            known = false;
            continue;
        }
        found.push(...cidrs.map(c => parsePrefix(c)).filter((p): p is Prefix => p !== undefined));
    }
    const unique = [...new Map(found.map(p => [`${p.family}/${p.first}/${p.bits}`, p])).values()];
    return known && unique.length ? unique : undefined;
}

/** Every requirement the configuration keeps, with its peers. */
export function allowed(config: Config, resources: readonly Res[]): Allowed[] {
    const dc = config.datacenter ?? data.defaultDatacenter;
    const seed = (data.datacenters as Record<string, { service: string[]; ntp: string[] }>)[dc];
    if (!seed) throw new Error(`threatmanager-policies config datacenter: "${dc}" is not one of ${Object.keys(data.datacenters).join(", ")}`);
    const service = prefixes("datacenterRanges", config.datacenterRanges ?? seed.service);
    const ntp = [...prefixes("datacenterNtpRanges", config.datacenterNtpRanges ?? seed.ntp), ...prefixes("extraNtpRanges", config.extraNtpRanges ?? [])];
    const peerSets: Record<string, Prefix[] | undefined> = {
        "agents": agentRanges(config, resources),
        "datacenter": service,
        "datacenter-ntp": ntp,
        "ssh-sources": config.sshSources ? prefixes("sshSources", config.sshSources) : service,
        "dns-servers": prefixes("dnsServers", config.dnsServers ?? data.defaultDnsServers),
        "internet": prefixes("internet", [data.internet]),
    };
    const switchedOff = new Set(Object.entries(data.switches).filter(([name]) => (config as any)[name] === false).map(([, purpose]) => purpose));
    return data.requirements
        .filter(req => !switchedOff.has(req.purpose))
        .map(req => {
            if (!(req.peers in peerSets)) throw new Error(`requirements.json: peer set "${req.peers}" has no ranges in the pack`);
            return { ...req, direction: req.direction as Direction, peers: peerSets[req.peers], peerSet: req.peers };
        });
}
