// Stacks for the pack's unit tests, built as the engine shows them to a policy: resources with their
// properties, parents and property dependencies.

import { context, Context } from "../context";
import { checks } from "../policies";
import { Config, requirements } from "../requirements";
import { Res } from "../resources";

export const NOW = new Date("2026-11-27T10:00:00Z");
export const AGENTS = ["10.0.0.0/16"];
export const US = requirements.datacenters.us;

export class Stack {
    readonly resources: Res[] = [];
    private readonly root: Res = this.add("pulumi:pulumi:Stack", "test", {});

    add(type: string, name: string, props: Record<string, any>, opts: { parent?: Res; deps?: Record<string, Res[]> } = {}): Res {
        const r: Res = { type, name, urn: `urn:pulumi:test::test::${type}::${name}`, props, parent: opts.parent ?? this.root, deps: opts.deps ?? {} };
        this.resources.push(r);
        return r;
    }

    component(name = "tm", props: Record<string, any> = { agentCidrs: AGENTS }): Res {
        return this.add("threatmanager:index:ThreatManager", name, props);
    }

    context(config: Config = {}, now = NOW): Context {
        return context(this.resources, config, now);
    }
}

export const marker = { [requirements.marker.tag]: requirements.marker.appliances };

/** An AWS appliance group with the component's rules, as the component creates them. */
export function awsStack(opts: { ssh?: Date } = {}): { stack: Stack; group: Res } {
    const stack = new Stack();
    const tm = stack.component();
    const group = stack.add("aws:ec2/securityGroup:SecurityGroup", "tm-appliances", { arn: "arn:aws:ec2:us-east-1:1:security-group/sg-1", tags: { ...marker } }, { parent: tm });
    const pl = stack.add("aws:ec2/managedPrefixList:ManagedPrefixList", "tm-agent-cidrs", { arn: "arn:aws:ec2:us-east-1:1:prefix-list/pl-1", entries: AGENTS.map(cidr => ({ cidr })) }, { parent: tm });
    let n = 0;
    for (const req of requirements.requirements) {
        const type = req.direction === "ingress" ? "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" : "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
        const ports = req.protocol === "all" ? {} : { fromPort: req.fromPort, toPort: req.toPort };
        const base = { securityGroupId: "sg-1", ipProtocol: req.protocol === "all" ? "-1" : req.protocol, ...ports, description: req.description };
        const peers: Record<string, any>[] =
            req.peers === "agents" ? [{ prefixListId: "pl-1" }] :
            req.peers === "ssh-sources" ? (opts.ssh ? US.service.map(c => ({ cidrIpv4: c, description: `${req.description}${requirements.ssh.descriptionExpiresTag}${opts.ssh!.toISOString().replace(".000", "")}` })) : []) :
            req.peers === "datacenter" ? US.service.map(c => ({ cidrIpv4: c })) :
            req.peers === "datacenter-ntp" ? US.ntp.map(c => ({ cidrIpv4: c })) :
            req.peers === "dns-servers" ? requirements.defaultDnsServers.map(ip => ({ cidrIpv4: `${ip}/32` })) :
            [{ cidrIpv4: requirements.internet }];
        for (const peer of peers) {
            stack.add(type, `tm-rule-${n++}`, { ...base, ...peer }, { parent: tm, deps: { securityGroupId: [group], ...(peer.prefixListId ? { prefixListId: [pl] } : {}) } });
        }
    }
    return { stack, group };
}

/** The messages of one policy's findings, in the order it reports them. */
export function messagesOf(policy: string, stack: Stack, config: Config = {}, now = NOW): string[] {
    const ctx = stack.context(config, now);
    return checks.filter(c => c.name === policy).flatMap(c => c.check(ctx).map(v => v.message));
}

/** The policies' findings as "policy: resource name" lines, sorted. */
export function findings(stack: Stack, config: Config = {}, now = NOW): string[] {
    const ctx = stack.context(config, now);
    const byUrn = new Map(stack.resources.map(r => [r.urn, r.name]));
    return checks.flatMap(c => c.check(ctx).map(v => `${c.name}: ${v.urn ? byUrn.get(v.urn) : "(stack)"}`)).sort();
}
