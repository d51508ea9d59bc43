// When the cloud's scheduler closes SSH: the first firing at or after the expiry, never one before it. GCP's
// cron has no year, so a date earlier in the year than the expiry fires the next year, which is late; a
// 23:59:30 expiry on Dec 31 closes at 00:00 on Jan 1 of the next year, which is on time.

import assert from "node:assert/strict";
import { test } from "node:test";
import { firesAt } from "../model";
import { pinnedCronAtOrAfter } from "../model/gcp";
import { requirements } from "../requirements";
import { Res } from "../resources";
import { forAll, Random } from "./random";
import { findings, Stack, US } from "./stack";

const MINUTE = 60_000;
const DAY = 86_400_000;
const ceilMinute = (t: Date) => new Date(Math.ceil(t.getTime() / MINUTE) * MINUTE);
const iso = (t: Date | undefined) => t?.toISOString();
const job = (schedule: string, timeZone = "Etc/UTC"): Res => ({ type: "gcp:cloudscheduler/job:Job", name: "job", urn: "urn:job", props: { schedule, timeZone }, deps: {} });
/** The cron line the component pins to the minute `t`, in UTC. */
const pinned = (t: Date) => `${t.getUTCMinutes()} ${t.getUTCHours()} ${t.getUTCDate()} ${t.getUTCMonth() + 1} *`;

/** The oracle, by brute force: walk day by day from the expiry's date to the first matching minute at or after it. */
function bruteForce(minute: number, hour: number, day: number, month: number, from: Date): Date | undefined {
    const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    for (let d = start; d < start + 9 * 366 * DAY; d += DAY) {
        const date = new Date(d);
        if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) continue;
        const t = new Date(d + hour * 3_600_000 + minute * MINUTE);
        if (t >= from) return t;
    }
    return undefined;
}

test("a GCP cron fires at its pinned minute on or after the expiry, never before it", () => {
    const cases: [string, string, string | undefined][] = [
        // expiry, cron, first firing at or after the expiry
        ["2026-11-28T09:47:11Z", "48 9 28 11 *", "2026-11-28T09:48:00.000Z"],
        ["2026-11-28T09:48:00Z", "48 9 28 11 *", "2026-11-28T09:48:00.000Z"],
        ["2026-12-31T23:59:30Z", "0 0 1 1 *", "2027-01-01T00:00:00.000Z"],
        ["2026-12-31T23:59:59.999Z", "0 0 1 1 *", "2027-01-01T00:00:00.000Z"],
        ["2027-02-28T23:59:30Z", "0 0 1 3 *", "2027-03-01T00:00:00.000Z"],
        ["2028-02-28T23:59:30Z", "0 0 29 2 *", "2028-02-29T00:00:00.000Z"],
        ["2028-02-29T23:59:30Z", "0 0 1 3 *", "2028-03-01T00:00:00.000Z"],
        // A date earlier in the year than the expiry's fires the next year.
        ["2026-11-28T09:47:11Z", "48 9 27 11 *", "2027-11-27T09:48:00.000Z"],
        ["2026-11-28T09:47:11Z", "48 9 28 1 *", "2027-01-28T09:48:00.000Z"],
        ["2026-12-31T23:59:30Z", "0 0 31 12 *", "2027-12-31T00:00:00.000Z"],
        ["2026-12-31T23:59:30Z", "59 23 31 12 *", "2027-12-31T23:59:00.000Z"],
        // The expiry's own minute, not rounded up, is already past at 23:59:30.
        ["2026-11-28T09:47:11Z", "47 9 28 11 *", "2027-11-28T09:47:00.000Z"],
        // Feb 29 waits for a leap year, even across 2100.
        ["2026-12-01T00:00:00Z", "0 0 29 2 *", "2028-02-29T00:00:00.000Z"],
        ["2096-03-01T00:00:00Z", "0 0 29 2 *", "2104-02-29T00:00:00.000Z"],
        // No year has Feb 30; fields out of range are not read.
        ["2026-12-01T00:00:00Z", "0 0 30 2 *", undefined],
        ["2026-12-01T00:00:00Z", "60 0 1 1 *", undefined],
        ["2026-12-01T00:00:00Z", "0 24 1 1 *", undefined],
        ["2026-12-01T00:00:00Z", "0 0 1 13 *", undefined],
    ];
    for (const [expires, cron, want] of cases) {
        assert.equal(iso(firesAt(job(cron), new Date(expires))), want, `${cron} for an expiry at ${expires}`);
    }
    assert.equal(firesAt(job("0 0 1 1 *", "Europe/Paris"), new Date("2026-12-31T23:59:30Z")), undefined, "another time zone is not read");
});

test("generated: the component's pinned cron is on time, an earlier date in the year is late, and no firing is before the expiry", () => {
    forAll(300, r => {
        const expires = randomExpiry(r);
        const closes = ceilMinute(expires);
        assert.equal(iso(firesAt(job(pinned(closes)), expires)), iso(closes), `the component's cron ${pinned(closes)} for ${iso(expires)}`);

        // Pinned 1 to 300 days before the closing minute, on a date that exists in the expiry's year: late.
        const earlier = new Date(closes.getTime() - r.int(1, 300) * DAY - r.int(0, 1439) * MINUTE);
        const at = firesAt(job(pinned(earlier)), expires)!;
        assert.ok(at && at.getTime() > closes.getTime(), `${pinned(earlier)} for ${iso(expires)} fires at ${iso(at)}, after ${iso(closes)}`);

        // Any cron line: its first firing at or after the expiry, as a walk over the days finds it.
        const [minute, hour, day, month] = [r.int(0, 59), r.int(0, 23), r.pick([1, 15, 28, 29, 30, 31, r.int(1, 31)]), r.int(1, 12)];
        const got = pinnedCronAtOrAfter(minute, hour, day, month, expires);
        assert.equal(iso(got), iso(bruteForce(minute, hour, day, month, expires)), `${minute} ${hour} ${day} ${month} * for ${iso(expires)}`);
        assert.ok(!got || got.getTime() >= expires.getTime(), "never before the expiry");
    });
});

/** An expiry: a fifth of the time 23:59:xx on Dec 31, Feb 28 or Feb 29, else any second of 2026-2105. */
function randomExpiry(r: Random): Date {
    const year = r.int(2026, 2105);
    if (r.int(0, 4) === 0) {
        const [month, day] = r.pick([[12, 31], [2, 28], [2, 29]]);
        const t = new Date(Date.UTC(year, month - 1, day, 23, 59, r.pick([0, 1, 30, 59]), r.pick([0, 0, 999])));
        if (t.getUTCDate() === day) return t; // Feb 29 of a common year is Mar 1
    }
    return new Date(Date.UTC(year, 0, 1) + r.int(0, 364) * DAY + r.int(0, 86_399) * 1000);
}

/** A GCP stack with the component's SSH firewall open until `expires` and its Cloud Scheduler job on `cron`. */
function gcpSSHStack(expires: Date, cron: string) {
    const stack = new Stack();
    const tm = stack.component();
    const description = `${requirements.requirements.find(q => q.purpose === "ssh")!.description}${requirements.ssh.descriptionExpiresTag}${expires.toISOString().replace(".000", "")}`;
    const ssh = stack.add("gcp:compute/firewall:Firewall", "tm-ingress-ssh", {
        name: "tm-ingress-ssh", network: "projects/p/global/networks/net", direction: "INGRESS", priority: 900,
        allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: US.service, targetTags: ["tm-appliance"], description,
    }, { parent: tm });
    for (const dir of ["INGRESS", "EGRESS"]) {
        const ranges = dir === "INGRESS" ? { sourceRanges: ["0.0.0.0/0"] } : { destinationRanges: ["0.0.0.0/0"] };
        stack.add("gcp:compute/firewall:Firewall", `tm-${dir.toLowerCase()}-deny-all`, { network: "projects/p/global/networks/net", direction: dir, priority: 1000, denies: [{ protocol: "all" }], ...ranges, targetTags: ["tm-appliance"], description: "deny" }, { parent: tm });
    }
    stack.add("gcp:cloudscheduler/job:Job", "tm-ssh-expiry", {
        schedule: cron, timeZone: "Etc/UTC",
        httpTarget: { httpMethod: "DELETE", uri: "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/tm-ingress-ssh" },
    }, { parent: tm, deps: { httpTarget: [ssh] } });
    return stack;
}

test("ssh-closed-in-cloud: a GCP job on a date earlier in the year than the expiry is late; Dec 31 23:59:30 rolling into Jan 1 is not", () => {
    const cases: [string, string, boolean][] = [
        ["2026-12-31T23:59:30Z", "0 0 1 1 *", false],
        ["2027-02-28T23:59:30Z", "0 0 1 3 *", false],
        ["2028-02-28T23:59:30Z", "0 0 29 2 *", false],
        ["2026-11-28T09:47:11Z", "48 9 28 11 *", false],
        ["2026-11-28T09:47:11Z", "48 9 27 11 *", true],
        ["2026-12-31T23:59:30Z", "0 0 31 12 *", true],
        ["2026-12-31T23:59:30Z", "59 23 31 12 *", true],
        ["2027-02-28T23:59:30Z", "0 0 28 2 *", true],
    ];
    for (const [expires, cron, late] of cases) {
        const at = new Date(expires);
        const now = new Date(at.getTime() - 3 * DAY);
        const got = findings(gcpSSHStack(at, cron), {}, now);
        assert.deepEqual(got, late ? ["ssh-closed-in-cloud: tm-ingress-ssh"] : [], `${cron} for ${expires}`);
    }
});

test("generated: the component's GCP job is on time, one pinned a day earlier is late", () => {
    forAll(50, r => {
        const expires = randomExpiry(r);
        const now = new Date(expires.getTime() - r.int(10, 7 * 24 * 60 - 1) * MINUTE);
        const closes = ceilMinute(expires);
        assert.deepEqual(findings(gcpSSHStack(expires, pinned(closes)), {}, now), [], `${pinned(closes)} for ${iso(expires)}`);
        const dayBefore = new Date(closes.getTime() - DAY);
        assert.deepEqual(findings(gcpSSHStack(expires, pinned(dayBefore)), {}, now), ["ssh-closed-in-cloud: tm-ingress-ssh"], `${pinned(dayBefore)} for ${iso(expires)}`);
    });
});

test("ssh-closed-in-cloud: a scheduler closes only the rules of its own cloud, whatever names they share", () => {
    const expires = new Date("2026-11-28T09:47:11Z");
    const now = new Date(expires.getTime() - DAY);
    const stack = gcpSSHStack(expires, pinned(ceilMinute(expires)));
    stack.resources.splice(stack.resources.findIndex(r => r.type === "gcp:cloudscheduler/job:Job"), 1);
    stack.add("azure-native:logic:Workflow", "tm-ssh-expiry", { definition: {
        triggers: { t: { recurrence: { frequency: "Month", interval: 12, startTime: ceilMinute(expires).toISOString() } } },
        actions: { remove: { inputs: { method: "DELETE", uri: "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/tm-ingress-ssh?api-version=2023-09-01" } } },
    } });
    assert.deepEqual(findings(stack, {}, now), ["ssh-closed-in-cloud: tm-ingress-ssh"], "an Azure workflow does not close a GCP firewall of the same name");
});
