// The clouds the pack knows: the one place a cloud joins it. Each brings, in model/<cloud>.ts, its rule
// decoding, its schedulers and its deny-all rules behind the Cloud interface (./types); the policies read
// them only through this list and the groups and rules it yields.

import { Config } from "../requirements";
import { Res } from "../resources";
import { aws } from "./aws";
import { azure } from "./azure";
import { gcp } from "./gcp";
import { Cloud, Model } from "./types";

export * from "./types";

/** Every cloud of the pack, in the order their groups and rules are listed. */
export const clouds: readonly Cloud[] = [aws, azure, gcp];

/** Every appliance group of the stack and every rule that applies to one. */
export function buildModel(resources: readonly Res[], config: Config): Model {
    const parts = clouds.map(c => c.model(resources, config));
    return { groups: parts.flatMap(p => p.groups), rules: parts.flatMap(p => p.rules) };
}

/** When a scheduler of any cloud next fires at or after `from` (Scheduler.firesAt); undefined for what is no scheduler. */
export function firesAt(scheduler: Res, from: Date): Date | undefined {
    return clouds.flatMap(c => c.schedulers).find(s => s.type === scheduler.type)?.firesAt(scheduler, from);
}

/** Names as prose: "A", "A and B", "A, B and C". */
export function listed(names: readonly string[], conjunction = "and"): string {
    return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

// Two clouds cannot claim one name, one setting or one scheduler type.
for (const [what, keys] of [
    ["cloud name", clouds.map(c => c.name)],
    ["setting", clouds.flatMap(c => Object.keys(c.config ?? {}))],
    ["scheduler type", clouds.flatMap(c => c.schedulers.map(s => s.type))],
] as const) {
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (twice.length) throw new Error(`threatmanager-policies: two clouds claim the ${what} ${twice.join(", ")}`);
}
