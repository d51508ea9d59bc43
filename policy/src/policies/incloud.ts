// Advisory: an open SSH window is closed by the cloud itself at its expiry, not only by the next
// deployment: a scheduler in the stack names the rule (the component's sshAccess.enforceInCloud).

import { Check, Context } from "../context";
import { ApplianceRule } from "../model";
import { list, Res, str } from "../resources";
import { sshRules, statedExpiry } from "./ssh";

/** The rule's own name in its cloud: the AWS rule id, the Azure rule name, the GCP firewall name. */
function cloudName(r: ApplianceRule): string | undefined {
    const p = r.resource.props;
    return str(p.securityGroupRuleId) ?? str(p.securityRuleName) ?? str(p.name);
}

function closes(closer: Res, rule: ApplianceRule): boolean {
    const p = closer.props;
    const name = cloudName(rule);
    switch (closer.type) {
        case "aws:scheduler/schedule:Schedule": {
            if (!/:revokeSecurityGroupIngress$/i.test(str(p.target?.arn) ?? "") || str(p.state) === "DISABLED") return false;
            if (closer.deps.target?.includes(rule.resource)) return true;
            try {
                return !!name && (JSON.parse(str(p.target?.input) ?? "{}").SecurityGroupRuleIds ?? []).includes(name);
            } catch {
                return false;
            }
        }
        case "azure-native:logic:Workflow": {
            if (str(p.state) === "Disabled") return false;
            if (closer.deps.definition?.includes(rule.resource)) return true;
            const actions = Object.values(p.definition?.actions ?? {}) as any[];
            return !!name && actions.some(a => str(a?.inputs?.method)?.toUpperCase() === "DELETE" && new RegExp(`/securityRules/${name}(\\?|$)`, "i").test(str(a?.inputs?.uri) ?? ""));
        }
        case "gcp:cloudscheduler/job:Job": {
            if (p.paused === true) return false;
            if (closer.deps.httpTarget?.includes(rule.resource)) return true;
            return !!name && new RegExp(`/firewalls/${name}(\\?|$)`).test(str(p.httpTarget?.uri) ?? "");
        }
    }
    return false;
}

export function closedInCloud(ctx: Context, rule: ApplianceRule): boolean {
    return !rule.inline && ctx.resources.some(c => closes(c, rule));
}

export const sshClosedInCloud: Check = {
    name: "ssh-closed-in-cloud",
    description: "An open SSH window has a scheduler in the cloud that removes or disables its rule at the expiry, whether or not anyone deploys.",
    enforcementLevel: "advisory",
    config: ["gcpApplianceTags"],
    check: ctx => sshRules(ctx)
        .filter(r => !closedInCloud(ctx, r))
        .map(r => {
            const expires = statedExpiry(r.description);
            const until = expires ? ` until ${expires.toISOString()}` : "";
            return {
                urn: r.resource.urn,
                message: `${r.label} on ${r.group.label} admits SSH${until}, but nothing in the cloud closes it at its expiry: ` +
                    `use the component's sshAccess with enforceInCloud (its default), or remove the rule when troubleshooting ends.`,
            };
        }),
};
