// The appliance rules of a stack, the same shape on every cloud, so that each policy is written once;
// and what a cloud brings to the pack (Cloud), which model/<cloud>.ts implements and model/index.ts
// registers. The policies read clouds only through this interface.

import { Prefix } from "../cidr";
import { Config, Direction } from "../requirements";
import { Res } from "../resources";

/** The far end of a rule. */
export type Peer =
    | { kind: "prefix"; prefix: Prefix; via?: string }
    /** Every address (a cloud's wildcard or internet tag, a rule with no ranges). */
    | { kind: "any"; text: string }
    /** Something that is not address ranges: another group, a service or network tag. */
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

/** What marks appliances in a cloud: a group of its, or a network tag (Cloud.groupKind says which). */
export interface ApplianceGroup {
    cloud: Cloud;
    /** Unique within the stack. */
    key: string;
    /** How messages name it. */
    label: string;
    /** The resource that stands for it (a network tag has none). */
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
    /** On a cloud that orders its rules: lower numbers win. */
    priority?: number;
    description: string | undefined;
    /** A disabled rule matches nothing. */
    disabled: boolean;
    /** An inline rule of a group: an entry of the group's own rule list, not a resource of its own. */
    inline: boolean;
}

export interface Model {
    groups: ApplianceGroup[];
    rules: ApplianceRule[];
}

/**
 * Everything the pack knows about one cloud. A cloud joins the pack by implementing this in
 * model/<cloud>.ts and being listed in model/index.ts; no policy names a cloud.
 */
export interface Cloud {
    /** The cloud's name: that of its file, model/<name>.ts, and its key in requirements.json. */
    name: string;
    /** How descriptions name it. */
    title: string;
    /** What marks its appliances, as descriptions name it ("security group"). */
    groupKind: string;
    /** Pack configuration this cloud's model reads; every policy takes it, since every policy reads the model. */
    config?: Record<string, ConfigProperty>;
    /** The stack's appliance groups in this cloud, and every rule that applies to one. */
    model(resources: readonly Res[], config: Config): Model;
    /** The schedulers that close an SSH rule in the cloud itself (the component's sshAccess.enforceInCloud). */
    schedulers: Scheduler[];
    /**
     * The deny-all rules an appliance group must end in, below every allow, on a cloud that by default
     * allows traffic the requirements do not; undefined on a cloud where what no rule allows is denied.
     */
    denyAll?: DenyAll;
}

/** A JSON schema for one configuration value, as a policy's configSchema lists it. */
export type ConfigProperty = { readonly type: string; readonly description: string; readonly [keyword: string]: unknown };

/** A resource type that removes or disables rules at a set time. */
export interface Scheduler {
    type: string;
    /** Whether `scheduler`, unless it is disabled, removes or disables `rule` (a rule of the same cloud) when it fires. */
    closes(scheduler: Res, rule: ApplianceRule): boolean;
    /**
     * When `scheduler` next fires at or after `from`: never a firing before `from`; undefined when that
     * cannot be read (not known yet, another time zone, a schedule that repeats more often than yearly).
     */
    firesAt(scheduler: Res, from: Date): Date | undefined;
}

export interface DenyAll {
    /** The priority the component gives its deny-all rules. */
    priority: number;
    /** How a finding that `group` has no deny-all begins, up to "deny-all …": the group and a negation ("… has no", "no … is a"). */
    missingFrom(group: ApplianceGroup): string;
}

/** The names the schedulers may give UTC (none: their default). */
export const UTC_ZONES: ReadonlySet<string | undefined> = new Set([undefined, "UTC", "Etc/UTC"]);

/** A time as a scheduler writes it (RFC 3339), or undefined when absent or not a time. */
export function parseTime(text: string | undefined): Date | undefined {
    const t = text ? new Date(text) : undefined;
    return t && !isNaN(t.getTime()) ? t : undefined;
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
