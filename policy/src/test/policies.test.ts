import assert from "node:assert/strict";
import { test } from "node:test";
import { coveredBy, parsePrefix } from "../cidr";
import { ingressDocumented } from "../policies/documented";
import { firesAt } from "../model";
import { allowed, requirements } from "../requirements";
import { unknownSentinels } from "../resources";
import { forAll, ipv4 } from "./random";
import { AGENTS, awsStack, findings, marker, messagesOf, NOW, Stack, US } from "./stack";

const hours = (h: number) => new Date(NOW.getTime() + h * 3600_000);
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const UNKNOWN = [...unknownSentinels][2];

/** An AWS stack with SSH open and the component's schedule closing it: nothing to report. */
function openSSHStack(expires = hours(24)) {
    const { stack, group } = awsStack({ ssh: expires });
    const ssh = stack.resources.filter(r => r.type === INGRESS && r.props.fromPort === 22);
    const closes = new Date(Math.ceil(expires.getTime() / 60_000) * 60_000).toISOString().slice(0, 19);
    stack.add("aws:scheduler/schedule:Schedule", "tm-ssh-expiry", {
        scheduleExpression: `at(${closes})`, scheduleExpressionTimezone: "UTC",
        target: { arn: "arn:aws:scheduler:::aws-sdk:ec2:revokeSecurityGroupIngress", input: UNKNOWN },
    }, { deps: { target: [group, ...ssh] } });
    return { stack, group, ssh };
}

test("the component's own rules pass, with SSH open and closed in the cloud", () => {
    assert.deepEqual(findings(awsStack().stack), []);
    assert.deepEqual(findings(openSSHStack().stack), []);
});

test("the sentinels of unknown values are the engine's, one per kind", () => {
    assert.equal(unknownSentinels.size, 7);
    for (const s of unknownSentinels) assert.match(s, /^[0-9a-f-]{36}$/);
});

test("a hand-written rule on the appliance group is checked like the component's", () => {
    const { stack, group } = awsStack();
    stack.add(INGRESS, "hand-written", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/8", description: "admin UI" });
    assert.deepEqual(findings(stack), ["appliance-ingress-documented: hand-written"], "linked by id, as in a saved state");
    stack.resources.pop();
    stack.add(EGRESS, "hand-written-egress", { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 25, toPort: 25, cidrIpv4: "203.0.113.0/24", description: "mail" }, { deps: { securityGroupId: [group] } });
    assert.deepEqual(findings(stack), ["appliance-egress-documented: hand-written-egress"], "linked by dependency, as in a preview");
});

test("groups without the marker are not the appliances'; marked hand-written groups are", () => {
    const stack = new Stack();
    stack.component();
    stack.add("aws:ec2/securityGroup:SecurityGroup", "web", { arn: "arn:aws:ec2:r:1:security-group/sg-9", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
    assert.deepEqual(findings(stack), []);
    stack.add("aws:ec2/securityGroup:SecurityGroup", "my-appliances", { arn: "arn:aws:ec2:r:1:security-group/sg-8", tags: { ...marker }, ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "" }] });
    assert.deepEqual(findings(stack), [
        "appliance-ingress-documented: my-appliances", "no-internet-open-rules: my-appliances", "rule-descriptions: my-appliances",
        "ssh-closed-in-cloud: my-appliances", "ssh-time-boxed: my-appliances",
    ]);
});

test("a refreshed group lists its rule resources inline; they are not counted twice", () => {
    const { stack, group } = openSSHStack();
    group.props.ingress = stack.resources.filter(r => r.type === INGRESS).map(r => ({
        protocol: r.props.ipProtocol, fromPort: r.props.fromPort, toPort: r.props.toPort, description: r.props.description,
        cidrBlocks: r.props.cidrIpv4 ? [r.props.cidrIpv4] : [], prefixListIds: r.props.prefixListId ? [r.props.prefixListId] : [],
    }));
    assert.deepEqual(findings(stack), []);
    // AWS merges the rules of one protocol and port range into one entry with every range.
    group.props.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: US.service, description: "Troubleshooting" }];
    assert.deepEqual(findings(stack), [], "the SSH rules, merged");
    group.props.ingress[0].cidrBlocks = [...US.service, "198.51.100.0/24"];
    assert.deepEqual(findings(stack).map(f => f.split(":")[0]), ["appliance-ingress-documented", "ssh-closed-in-cloud", "ssh-time-boxed"],
        "an inline range no rule resource holds is an inline rule of its own");
    group.props.ingress.push({ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["10.0.0.0/16"], description: "RDP" });
    group.props.ingress.shift();
    assert.deepEqual(findings(stack), ["appliance-ingress-documented: tm-appliances"]);
});

// The oracle: a rule is documented when each of its probe points (ports and addresses at the edges of
// the rule and of every requirement inside it) lies inside a single requirement.
function oracleAllows(direction: string, protocol: string, from: number, to: number, cidr: string): boolean {
    const rows = allowed({}, new Stack().resources).filter(a => a.direction === direction);
    const rowsWithAgents = rows.map(a => (a.peerSet === "agents" ? { ...a, peers: AGENTS.map(c => parsePrefix(c)!) } : a));
    const prefix = parsePrefix(cidr)!;
    const last = prefix.first + (1n << BigInt(32 - prefix.bits)) - 1n;
    const addrs = new Set([prefix.first, last]);
    for (const a of rowsWithAgents) for (const p of a.peers!) {
        const pl = p.first + (1n << BigInt(32 - p.bits)) - 1n;
        for (const x of [p.first - 1n, p.first, pl, pl + 1n]) if (x >= prefix.first && x <= last) addrs.add(x);
    }
    const ports = new Set([from, to]);
    for (const a of rowsWithAgents) for (const x of [a.fromPort - 1, a.fromPort, a.toPort, a.toPort + 1]) if (x >= from && x <= to) ports.add(x);
    return [...addrs].every(addr => [...ports].every(port => rowsWithAgents.some(a =>
        (a.protocol === "all" || (a.protocol === protocol && a.fromPort <= port && port <= a.toPort)) &&
        a.peers!.some(p => coveredBy(parsePrefix(`${ipv4(addr)}/32`)!, [p])))));
}

test("generated rules: the documented policies flag exactly the rules that reach outside the requirements", () => {
    const rows = requirements.requirements.filter(r => r.protocol !== "all" && r.peers !== "internet" && r.peers !== "ssh-sources");
    const ranges: Record<string, string[]> = { "agents": AGENTS, "datacenter": US.service, "datacenter-ntp": US.ntp, "dns-servers": requirements.defaultDnsServers.map(d => `${d}/32`) };
    let flagged = 0, passed = 0;
    forAll(300, r => {
        const row = r.pick(rows);
        const base = parsePrefix(r.pick(ranges[row.peers]))!;
        // Inside the row, or widened: a shorter prefix, or ports past either end.
        const bits = r.next() < 0.5 ? r.int(base.bits, 32) : r.int(Math.max(0, base.bits - 8), base.bits);
        const cidr = `${ipv4(base.first)}/${bits}`;
        const from = Math.max(0, row.fromPort - (r.next() < 0.25 ? r.int(1, 100) : 0));
        const to = Math.min(65535, row.toPort + (r.next() < 0.25 ? r.int(1, 100) : 0));
        const { stack, group } = awsStack();
        const type = row.direction === "ingress" ? INGRESS : EGRESS;
        stack.add(type, "generated", { securityGroupId: "sg-1", ipProtocol: row.protocol, fromPort: from, toPort: to, cidrIpv4: cidr, description: "generated" }, { deps: { securityGroupId: [group] } });
        const policy = `appliance-${row.direction}-documented: generated`;
        const expected = !oracleAllows(row.direction, row.protocol, from, to, parsePrefix(cidr)!.text);
        const got = findings(stack).filter(f => !f.startsWith("no-internet-open-rules"));
        assert.deepEqual(got, expected ? [policy] : [], `${row.direction} ${row.protocol} ${from}-${to} ${cidr} (row ${row.purpose})`);
        expected ? flagged++ : passed++;
    });
    assert.ok(process.env.THREATMANAGER_POLICY_SEED || (flagged > 30 && passed > 30), `both outcomes generated: ${flagged} flagged, ${passed} passed`);
});

test("the internet, however it is split across rules; TCP 80 out is the documented exception", () => {
    const { stack } = awsStack();
    assert.deepEqual(findings(stack), [], "the component's TCP 80 to 0.0.0.0/0");
    assert.deepEqual(findings(stack, { egressHttp: false }).filter(f => f.includes("tm-rule")).length, 2, "switched off, it is both undocumented and open");
    for (const [i, half] of ["0.0.0.0/1", "128.0.0.0/1"].entries()) {
        stack.add(INGRESS, `half-${i}`, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: half, description: "half" });
    }
    assert.deepEqual(findings(stack), [
        "appliance-ingress-documented: half-0", "appliance-ingress-documented: half-1",
        "no-internet-open-rules: half-0", "no-internet-open-rules: half-1",
    ], "the halves, not the agents' rule their ranges already hold");
    const wide = awsStack().stack;
    wide.add(EGRESS, "ipv6", { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv6: "::/0", description: "v6" });
    assert.ok(findings(wide).includes("no-internet-open-rules: ipv6"));
});

test("SSH must state an expiry that is ahead and within the window", () => {
    const cases: [string, Date | undefined, Record<string, any>, boolean][] = [
        ["in the window", hours(24), {}, false],
        ["expired", hours(-1), {}, true],
        ["over-long", hours(200), {}, true],
        ["over-long, but the window is raised", hours(200), { maxSshWindowHours: 240 }, false],
    ];
    for (const [name, expires, config, fails] of cases) {
        const { stack } = openSSHStack(expires);
        const got = findings(stack, config).filter(f => f.startsWith("ssh-time-boxed"));
        assert.equal(got.length, fails ? 3 : 0, `${name}: ${got}`);
    }
    const { stack, ssh } = openSSHStack();
    ssh[0].props.description = "Troubleshooting";
    assert.deepEqual(findings(stack), [`ssh-time-boxed: ${ssh[0].name}`], "no expiry stated");
});

test("an open SSH window with nothing in the cloud to close it is advised", () => {
    const { stack, ssh } = openSSHStack();
    stack.resources.splice(stack.resources.findIndex(r => r.type === "aws:scheduler/schedule:Schedule"), 1);
    assert.deepEqual(findings(stack), ssh.map(r => `ssh-closed-in-cloud: ${r.name}`).sort());
    // A saved state names the rules by id in the schedule's input instead.
    const saved = openSSHStack();
    const schedule = saved.stack.resources.find(r => r.type === "aws:scheduler/schedule:Schedule")!;
    schedule.deps = {};
    saved.ssh.forEach((r, i) => (r.props.securityGroupRuleId = `sgr-${i}`));
    schedule.props.target.input = JSON.stringify({ GroupId: "sg-1", SecurityGroupRuleIds: saved.ssh.slice(1).map(r => r.props.securityGroupRuleId) });
    assert.deepEqual(findings(saved.stack), [`ssh-closed-in-cloud: ${saved.ssh[0].name}`]);
});

/** An Azure NSG as the component makes it, linked by name only (as a saved state without dependencies). */
function azureStack() {
    const stack = new Stack();
    const tm = stack.component();
    stack.add("azure-native:network:NetworkSecurityGroup", "tm-nsg", { resourceGroupName: "rg", networkSecurityGroupName: "tm-nsg", tags: { ...marker } }, { parent: tm });
    const rule = (name: string, props: Record<string, any>) =>
        stack.add("azure-native:network:SecurityRule", name, { resourceGroupName: "rg", networkSecurityGroupName: "tm-nsg", securityRuleName: name, sourcePortRange: "*", description: name, ...props }, { parent: tm });
    rule("ingress-agents", { direction: "Inbound", access: "Allow", priority: 100, protocol: "Tcp", destinationPortRange: "443", sourceAddressPrefixes: AGENTS, destinationAddressPrefix: "*" });
    rule("egress-updates", { direction: "Outbound", access: "Allow", priority: 140, protocol: "Tcp", destinationPortRange: "443", destinationAddressPrefixes: US.service, sourceAddressPrefix: "*" });
    rule("ingress-deny-all", { direction: "Inbound", access: "Deny", priority: 4096, protocol: "*", destinationPortRange: "*", sourceAddressPrefixes: ["0.0.0.0/0"], destinationAddressPrefix: "*" });
    rule("egress-deny-all", { direction: "Outbound", access: "Deny", priority: 4096, protocol: "*", destinationPortRange: "*", destinationAddressPrefixes: ["0.0.0.0/0"], sourceAddressPrefix: "*" });
    return { stack, rule };
}

test("Azure: rules found by name, service tags are not ranges, and the deny-alls end the group", () => {
    assert.deepEqual(findings(azureStack().stack), []);
    const tagged = azureStack();
    tagged.rule("vnet-in", { direction: "Inbound", access: "Allow", priority: 200, protocol: "Tcp", destinationPortRange: "8080", sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "*" });
    assert.deepEqual(findings(tagged.stack), ["appliance-ingress-documented: vnet-in"]);
    const open = azureStack();
    open.rule("internet-out", { direction: "Outbound", access: "Allow", priority: 200, protocol: "Tcp", destinationPortRange: "443", destinationAddressPrefix: "Internet", sourceAddressPrefix: "*" });
    assert.deepEqual(findings(open.stack), ["appliance-egress-documented: internet-out", "no-internet-open-rules: internet-out"]);
    const noDeny = azureStack();
    noDeny.stack.resources.splice(noDeny.stack.resources.findIndex(r => r.name === "egress-deny-all"), 1);
    assert.deepEqual(findings(noDeny.stack), ["deny-all-below-allows: tm-nsg"]);
    assert.deepEqual(findings(azureStack().stack, { denyOtherInbound: false }), []);
    const cased = azureStack();
    const nsg = cased.stack.resources.find(r => r.name === "tm-nsg")!;
    nsg.props.tags = { "ThreatManager:Role": "appliances" };
    cased.stack.resources.splice(cased.stack.resources.findIndex(r => r.name === "egress-deny-all"), 1);
    assert.deepEqual(findings(cased.stack), ["deny-all-below-allows: tm-nsg"], "Azure tag names in any case");
    const below = azureStack();
    below.stack.resources.find(r => r.name === "ingress-deny-all")!.props.priority = 90;
    assert.deepEqual(findings(below.stack), ["deny-all-below-allows: ingress-agents"]);
});

/** GCP firewalls as the component makes them: targeting its tag on network "net". */
function gcpStack() {
    const stack = new Stack();
    const tm = stack.component();
    const fw = (name: string, props: Record<string, any>, parent = tm) =>
        stack.add("gcp:compute/firewall:Firewall", name, { network: "projects/p/global/networks/net", description: name, ...props }, { parent });
    fw("tm-ingress-agents", { direction: "INGRESS", priority: 900, allows: [{ protocol: "tcp", ports: ["443"] }], sourceRanges: AGENTS, targetTags: ["tm-appliance"] });
    fw("tm-egress-deny-all", { direction: "EGRESS", priority: 1000, denies: [{ protocol: "all" }], destinationRanges: ["0.0.0.0/0"], targetTags: ["tm-appliance"] });
    fw("tm-ingress-deny-all", { direction: "INGRESS", priority: 1000, denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"], targetTags: ["tm-appliance"] });
    return { stack, fw: (name: string, props: Record<string, any>) => fw(name, { network: "net", ...props }, undefined) };
}

test("a missing deny-all is said in one sentence on each cloud, naming the group and the direction", () => {
    const azure = azureStack();
    azure.stack.resources.splice(azure.stack.resources.findIndex(r => r.name === "egress-deny-all"), 1);
    const gcp = gcpStack();
    gcp.stack.resources.splice(gcp.stack.resources.findIndex(r => r.name === "tm-ingress-deny-all"), 1);
    const [azureMessage] = messagesOf("deny-all-below-allows", azure.stack);
    const [gcpMessage] = messagesOf("deny-all-below-allows", gcp.stack);
    assert.match(azureMessage, /^azure-native:network:NetworkSecurityGroup "tm-nsg" has no deny-all outbound rule \(all protocols and ports, to 0\.0\.0\.0\/0\) below its allows; the component puts one at priority 4096\.$/);
    assert.match(gcpMessage, /^[^:]*tm-appliance[^:]*: no firewall rule targeting it is a deny-all inbound rule \(all protocols and ports, from 0\.0\.0\.0\/0\) below its allows; the component puts one at priority 1000\.$/);
});

test("GCP: rules on the tag, and untargeted rules on its network above its deny-all", () => {
    assert.deepEqual(findings(gcpStack().stack), []);
    const g = gcpStack();
    g.fw("rdp-everywhere", { direction: "INGRESS", priority: 500, allows: [{ protocol: "tcp", ports: ["3389"] }], sourceRanges: ["10.0.0.0/8"] });
    g.fw("allow-internal", { direction: "INGRESS", priority: 65534, allows: [{ protocol: "all" }], sourceRanges: ["10.128.0.0/9"] });
    g.fw("other-network", { network: "other", direction: "INGRESS", priority: 500, allows: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] });
    g.fw("late-allow", { direction: "EGRESS", priority: 1100, allows: [{ protocol: "tcp", ports: ["443"] }], destinationRanges: [US.service[0]], targetTags: ["tm-appliance"] });
    g.fw("closed-ssh", { direction: "INGRESS", priority: 900, disabled: true, allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"], targetTags: ["tm-appliance"] });
    assert.deepEqual(findings(g.stack), ["appliance-ingress-documented: rdp-everywhere", "deny-all-below-allows: late-allow"]);
    const noDeny = gcpStack();
    noDeny.stack.resources.splice(noDeny.stack.resources.findIndex(r => r.name === "tm-ingress-deny-all"), 1);
    assert.deepEqual(findings(noDeny.stack), ["deny-all-below-allows: (stack)"]);
    const mine = new Stack();
    mine.add("gcp:compute/firewall:Firewall", "mine", { network: "net", direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"], targetTags: ["ids"] });
    assert.deepEqual(findings(mine), [], "an unmarked tag is not checked");
    assert.ok(findings(mine, { gcpApplianceTags: ["ids"] }).includes("ssh-time-boxed: mine"), "a configured tag is");
});

test("configuration: the datacenter, the agent ranges and unknowns", () => {
    assert.equal(findings(awsStack().stack, { datacenter: "eu" }).filter(f => f.startsWith("appliance-egress-documented")).length, US.service.length * 2 + US.ntp.length);
    assert.throws(() => findings(awsStack().stack, { datacenter: "ap" }), /config datacenter: "ap"/);
    assert.throws(() => findings(awsStack().stack, { agentCidrs: ["10.0.0.0/33"] }), /config agentCidrs\[0\]/);
    assert.deepEqual(findings(awsStack().stack, { agentCidrs: ["10.9.0.0/16"] }).length, 3, "the prefix list's entry is not among the configured agents");

    const bare = new Stack();
    bare.add("aws:ec2/securityGroup:SecurityGroup", "mine", { arn: "arn:aws:ec2:r:1:security-group/sg-7", tags: { ...marker } });
    bare.add(INGRESS, "agents-in", { securityGroupId: "sg-7", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16", description: "agents" });
    const ctx = bare.context();
    assert.match(ingressDocumented.check(ctx)[0].message, /agent ranges.*not known: set agentCidrs/);
    assert.deepEqual(findings(bare, { agentCidrs: ["10.0.0.0/8"] }), []);

    const preview = awsStack().stack;
    preview.add(INGRESS, "unknown-yet", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: UNKNOWN, description: "from a new VPC" });
    assert.deepEqual(findings(preview), [], "a range not known during a preview is checked when it is");
});

test("configuration mirrors the component's switches and ranges", () => {
    const scanning = findings(awsStack().stack, { activeScanning: false });
    assert.deepEqual(scanning.map(f => f.split(":")[0]), ["appliance-egress-documented"], "active scanning switched off");
    const dns = findings(awsStack().stack, { dnsServers: ["10.0.0.2"] });
    assert.equal(dns.length, requirements.defaultDnsServers.length * 2, `the seed's resolvers, TCP and UDP each: ${dns}`);
    assert.deepEqual(findings(awsStack().stack, { dnsServers: requirements.defaultDnsServers }), []);

    const ntp = awsStack();
    ntp.stack.add(EGRESS, "third-ntp", { securityGroupId: "sg-1", ipProtocol: "udp", fromPort: 123, toPort: 123, cidrIpv4: US.service[0], description: "NTP" });
    assert.deepEqual(findings(ntp.stack), ["appliance-egress-documented: third-ntp"], "the US NTP table leaves this range out");
    assert.deepEqual(findings(ntp.stack, { extraNtpRanges: [US.service[0]] }), []);
    assert.equal(findings(awsStack().stack, { datacenterNtpRanges: ["192.0.2.0/24"] }).length, US.ntp.length);
    assert.equal(findings(awsStack().stack, { datacenterRanges: ["192.0.2.0/24"] }).length, US.service.length * 2);

    const ssh = openSSHStack();
    assert.equal(findings(ssh.stack, { sshSources: [US.service[0]] }).length, US.service.length - 1, "SSH only from the configured sources");
});

test("AWS peers that are not ranges, and the legacy rule resource", () => {
    const { stack, group } = awsStack();
    const legacy = "aws:ec2/securityGroupRule:SecurityGroupRule";
    stack.add(legacy, "legacy-self", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, self: true, description: "self" });
    stack.add(legacy, "legacy-s3", { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-63a5400a"], description: "S3" });
    stack.add(legacy, "legacy-ok", { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [US.service[1]], description: "updates" });
    stack.add(INGRESS, "from-group", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 7777, toPort: 7777, referencedSecurityGroupId: "sg-77", description: "agents" }, { deps: { securityGroupId: [group] } });
    assert.deepEqual(findings(stack), [
        "appliance-egress-documented: legacy-s3", "appliance-ingress-documented: from-group", "appliance-ingress-documented: legacy-self",
    ]);
});

test("Azure: application security groups are not ranges", () => {
    const { stack, rule } = azureStack();
    rule("from-asg", { direction: "Inbound", access: "Allow", priority: 210, protocol: "Tcp", destinationPortRange: "443", sourceApplicationSecurityGroups: [{ id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/web" }], destinationAddressPrefix: "*" });
    assert.deepEqual(findings(stack), ["appliance-ingress-documented: from-asg"]);
});

test("the cloud must close SSH at the expiry, not later", () => {
    const late = openSSHStack(hours(24));
    const schedule = late.stack.resources.find(r => r.type === "aws:scheduler/schedule:Schedule")!;
    schedule.props.scheduleExpression = `at(${hours(25).toISOString().slice(0, 19)})`;
    assert.deepEqual(findings(late.stack), late.ssh.map(r => `ssh-closed-in-cloud: ${r.name}`).sort());
    schedule.props.scheduleExpressionTimezone = "Europe/Paris";
    assert.deepEqual(findings(late.stack), [], "a time in another zone is not read");

    const expires = new Date("2026-11-28T09:47:11Z");
    const res = (type: string, props: Record<string, any>) => ({ type, name: "c", urn: "u", props, deps: {} });
    assert.equal(firesAt(res("azure-native:logic:Workflow", { definition: { triggers: { t: { recurrence: { frequency: "Month", interval: 12, startTime: "2026-11-28T09:48:00Z" } } } } }), expires)?.toISOString(), "2026-11-28T09:48:00.000Z");
    assert.equal(firesAt(res("gcp:cloudscheduler/job:Job", { schedule: "48 9 28 11 *", timeZone: "Etc/UTC" }), expires)?.toISOString(), "2026-11-28T09:48:00.000Z");
    assert.equal(firesAt(res("gcp:cloudscheduler/job:Job", { schedule: "*/5 * * * *", timeZone: "Etc/UTC" }), expires), undefined, "a repeating cron");
    assert.equal(firesAt(res("aws:scheduler/schedule:Schedule", { scheduleExpression: UNKNOWN }), expires), undefined, "not known yet");
});
