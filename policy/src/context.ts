// What every policy starts from: the stack's resources, the configuration, the appliance rules and
// the traffic the requirements allow.

import { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { buildModel, Model } from "./model";
import { ConfigName, configSchema } from "./config";
import { Allowed, allowed, Config } from "./requirements";
import { fromPolicyResources, Res } from "./resources";

export interface Context {
    resources: Res[];
    config: Config;
    model: Model;
    allowed: Allowed[];
    now: Date;
}

export function context(resources: Res[], config: Config, now = new Date()): Context {
    return { resources, config, model: buildModel(resources, config), allowed: allowed(config, resources), now };
}

/** A violation: the message, and the resource it is about (none for a stack-wide finding). */
export interface Violation {
    message: string;
    urn?: string;
}

/** A policy of this pack: a check over the context, run as a stack validation. */
export interface Check {
    name: string;
    description: string;
    enforcementLevel: "mandatory" | "advisory";
    /** The configuration it reads besides the clouds' own settings, which every policy takes. */
    config: ConfigName[];
    check: (ctx: Context) => Violation[];
}

export function stackPolicy(c: Check): StackValidationPolicy {
    return {
        name: c.name,
        description: c.description,
        enforcementLevel: c.enforcementLevel,
        configSchema: configSchema(...c.config),
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const ctx = context(fromPolicyResources(args.resources), args.getConfig<Config>());
            const seen = new Set<string>();
            for (const v of c.check(ctx)) {
                const key = `${v.urn}\n${v.message}`;
                if (seen.has(key)) continue;
                seen.add(key);
                report(v.message, v.urn);
            }
        },
    };
}

/** The configuration the requirements depend on, which the ingress and egress policies read. */
export const requirementsConfig: Check["config"] = [
    "datacenter", "agentCidrs", "dnsServers", "egressHttp", "activeScanning",
    "datacenterRanges", "datacenterNtpRanges", "extraNtpRanges", "sshSources",
];
