// Advisory: every appliance rule says why it exists, so that a reviewer can match it to a requirement.

import { Check } from "../context";

export const ruleDescriptions: Check = {
    name: "rule-descriptions",
    description: "Every rule that applies to appliances has a description.",
    enforcementLevel: "advisory",
    config: [],
    check: ctx => ctx.model.rules
        .filter(r => !r.description?.trim())
        .map(r => ({ urn: r.resource.urn, message: `${r.label} on ${r.group.label} has no description: say which requirement it serves.` })),
};
