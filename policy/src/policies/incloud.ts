// Advisory: an open SSH window is closed by the cloud itself at its expiry, not only by the next
// deployment: a scheduler of the rule's cloud in the stack names the rule (the component's
// sshAccess.enforceInCloud). Each cloud's schedulers say what they close and when they fire.

import { Check, Context } from "../context";
import { ApplianceRule, Scheduler } from "../model";
import { Res } from "../resources";
import { sshRules, statedExpiry } from "./ssh";

/** The schedulers in the stack, of the rule's cloud, that close the rule. */
function closers(ctx: Context, rule: ApplianceRule): { closer: Res; scheduler: Scheduler }[] {
    if (rule.inline) return [];
    return ctx.resources.flatMap(closer => rule.cloud.schedulers
        .filter(scheduler => scheduler.type === closer.type && scheduler.closes(closer, rule))
        .map(scheduler => ({ closer, scheduler })));
}

const MINUTE = 60_000;

export const sshClosedInCloud: Check = {
    name: "ssh-closed-in-cloud",
    description: "An open SSH window has a scheduler in the cloud that removes or disables its rule at its expiry (not a year late, nor early), whether or not anyone deploys.",
    enforcementLevel: "advisory",
    config: [],
    check: ctx => sshRules(ctx).flatMap(r => {
        const expires = statedExpiry(r.description);
        // An expired window is ssh-time-boxed's to report.
        if (expires && expires.getTime() <= ctx.now.getTime()) return [];
        const until = expires ? ` until ${expires.toISOString()}` : "";
        const closing = closers(ctx, r);
        if (!closing.length) {
            return [{
                urn: r.resource.urn,
                message: `${r.label} on ${r.group.label} admits SSH${until}, but nothing in the cloud closes it at its expiry: ` +
                    `use the component's sshAccess with enforceInCloud (its default), or remove the rule when troubleshooting ends.`,
            }];
        }
        if (!expires) return [];
        // The clouds' schedulers fire on whole minutes: the component rounds the expiry up to one. The
        // closer that fires first is what closes the window: on time is from the expiry to that minute.
        const deadline = Math.ceil(expires.getTime() / MINUTE) * MINUTE;
        const times = closing.map(({ closer, scheduler }) => scheduler.firesAt(closer, ctx.now)?.getTime());
        if (times.some(t => t === undefined)) return [];
        const first = Math.min(...(times as number[]));
        if (first >= expires.getTime() && first <= deadline) return [];
        const when = first > deadline ? "only at" : "early, at";
        return [{
            urn: r.resource.urn,
            message: `${r.label} on ${r.group.label} admits SSH until ${expires.toISOString()}, but the cloud closes it ${when} ${new Date(first).toISOString()}.`,
        }];
    }),
};
