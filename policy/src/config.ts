// The pack's configuration, which mirrors the component's inputs: the properties a policy may take, by
// name. A policy lists the names it reads; every policy also takes the registered clouds' own settings
// (Cloud.config), since every policy reads the model.

import { PolicyConfigSchema } from "@pulumi/policy";
import { clouds, listed } from "./model";
import { requirements as data } from "./requirements";

const ranges = (description: string) => ({ type: "array", items: { type: "string" }, description } as const);

/** The clouds whose appliance groups end in deny-all rules. */
const denying = clouds.filter(c => c.denyAll).map(c => c.title);

/** The configuration each policy may take, by name; a policy's schema lists the names it reads. */
export const configProperties = {
    datacenter: { type: "string", enum: Object.keys(data.datacenters), default: data.defaultDatacenter, description: "The Alert Logic datacenter the appliances report to (the component's datacenter)." },
    agentCidrs: ranges("The networks where agents run (the component's agentCidrs). Default: the agentCidrs of the stack's ThreatManager components."),
    dnsServers: ranges("The resolvers the appliances may query on TCP and UDP 53; [] for none. Default: the seed's."),
    egressHttp: { type: "boolean", default: true, description: "Whether the appliances may reach the internet on TCP 80 (the component's egressHttp)." },
    activeScanning: { type: "boolean", default: true, description: "Whether the appliances may send anything to the agent networks (the component's activeScanning)." },
    datacenterRanges: ranges("Replaces the datacenter's service ranges (TCP 443 and 4138). Default: the seed's."),
    datacenterNtpRanges: ranges("Replaces the datacenter's NTP ranges (UDP 123). Default: the seed's."),
    extraNtpRanges: ranges("NTP ranges added to the datacenter's."),
    sshSources: ranges("Where troubleshooting SSH may come from. Default: the datacenter's service ranges."),
    maxSshWindowHours: { type: "integer", minimum: 1, maximum: data.ssh.maxWindowHours, default: data.ssh.defaultMaxWindowHours, description: "How far ahead an SSH rule's expiry may be." },
    denyOtherInbound: { type: "boolean", default: true, description: `Whether ${listed(denying)} need a deny-all inbound rule below the allows (the component's denyOtherInbound).` },
} as const;

export type ConfigName = keyof typeof configProperties;

/** The settings the registered clouds bring, by name. */
const cloudProperties = Object.fromEntries(clouds.flatMap(c => Object.entries(c.config ?? {})));
for (const name of Object.keys(cloudProperties)) {
    if (name in configProperties) throw new Error(`threatmanager-policies: a cloud's setting ${name} is the pack's own`);
}

/** A policy's configuration schema: the names it reads, then the clouds' own settings. */
export function configSchema(...names: ConfigName[]): PolicyConfigSchema {
    return { properties: { ...Object.fromEntries(names.map(n => [n, configProperties[n]])), ...cloudProperties } as any };
}
