// The appliance rules of a stack, the same shape on every cloud, so that each policy is written once.

import { Prefix } from "../cidr";
import { Direction } from "../requirements";
import { Res } from "../resources";

/** The far end of a rule. */
export type Peer =
    | { kind: "prefix"; prefix: Prefix; via?: string }
    /** Every address ("*", Azure's Internet tag, a GCP rule with no ranges). */
    | { kind: "any"; text: string }
    /** Something that is not address ranges: a security group, a service or network tag. */
    | { kind: "named"; text: string }
    /** Not known until the deployment. */
    | { kind: "unknown"; text: string };

/** What a rule matches: a protocol ("all", "tcp", "udp", or another as the cloud names it) and ports. */
export interface Traffic {
    protocol: string;
    fromPort: number;
    toPort: number;
}

export const ALL_TRAFFIC: Traffic = { protocol: "all", fromPort: 0, toPort: 65535 };

export type Cloud = "aws" | "azure" | "gcp";

/** A security group, network security group or GCP network tag that marks appliances. */
export interface ApplianceGroup {
    cloud: Cloud;
    /** Unique within the stack. */
    key: string;
    /** How messages name it. */
    label: string;
    /** The resource that stands for it (GCP tags have none). */
    resource?: Res;
}

/** One rule that applies to appliances, from a rule resource or from a group's inline rules. */
export interface ApplianceRule {
    cloud: Cloud;
    /** The resource a violation is reported on: the rule, or the group that holds it inline. */
    resource: Res;
    /** How messages name the rule. */
    label: string;
    group: ApplianceGroup;
    direction: Direction;
    access: "allow" | "deny";
    /** Undefined while not known. */
    traffic: Traffic[] | undefined;
    peers: Peer[];
    /** Azure and GCP: lower numbers win. */
    priority?: number;
    description: string | undefined;
    /** A disabled GCP firewall rule matches nothing. */
    disabled: boolean;
    /** An inline rule of a group (AWS ingress/egress, Azure securityRules). */
    inline: boolean;
}

export interface Model {
    groups: ApplianceGroup[];
    rules: ApplianceRule[];
}

/** A port range as the clouds write it: "443", "1000-2000", "*"; undefined if not one. */
export function parsePorts(text: string): [number, number] | undefined {
    if (text === "*") return [0, 65535];
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    return from <= to && to <= 65535 ? [from, to] : undefined;
}

/** The protocol's name in the seed's words: "all", "tcp", "udp"; others as given, lower case. */
export function normalizeProtocol(p: string): string {
    const lower = p.toLowerCase();
    switch (lower) {
        case "-1": case "*": case "all": return "all";
        case "6": return "tcp";
        case "17": return "udp";
        default: return lower;
    }
}

/** Whether the protocol has ports (others match whole). */
export const hasPorts = (protocol: string) => protocol === "tcp" || protocol === "udp";
