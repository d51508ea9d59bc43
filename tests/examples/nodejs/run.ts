// examples/aws-typescript through the real Pulumi engine (`make examples-e2e`): the example's exported
// program runs as an automation-API inline program (@pulumi/pulumi serves its own language runtime),
// with the Pulumi CLI from `make tools`, the provider from `make build` and the OFFLINE STAND-IN aws
// plugin from `make standins` (a test fixture: no cloud is contacted), in a temporary PULUMI_HOME
// and file backend. preview (creates only), up, a second preview (no changes), the stack's outputs,
// and the rules in its export against the seed's.
//
// Usage: node run.js REPO_ROOT
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import program = require("../../../examples/aws-typescript/index");

const failures: string[] = [];
function check(ok: boolean, message: string) {
    if (!ok) {
        failures.push(message);
        console.error(`FAIL: ${message}`);
    }
}

// The seed (provider/requirements/seeddoc/seed.md), read from its generated copy policy/requirements.json
// (`make policy`, held to the Go requirements by provider/policydata's drift test), which the policy pack
// reads too: no row is written out here. Rows read "direction protocol ports peer", one per peer, single
// addresses as /32s; peer sets resolve as the pack resolves them without overrides (policy/src/requirements.ts).
interface Requirement { direction: string; protocol: string; fromPort: number; toPort: number; peers: string; purpose: string }
interface RequirementsFile {
    datacenters: Record<string, { service: string[]; ntp: string[] }>;
    defaultDnsServers: string[];
    internet: string;
    requirements: Requirement[];
    switches: Record<string, string>; // input name -> the purpose it turns off
}

function readSeed(root: string): RequirementsFile {
    return JSON.parse(fs.readFileSync(path.join(root, "policy/requirements.json"), "utf8"));
}

function seedPorts(r: Requirement): string {
    if (r.fromPort === 0 && r.toPort === 65535) {
        return "all";
    }
    return r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`;
}

// The seed's rows for a datacenter and the agent CIDRs, of the requirements keep takes (all but SSH).
function seedRows(seed: RequirementsFile, datacenter: string, agents: string[],
    keep: (r: Requirement) => boolean = r => r.peers !== "ssh-sources"): string[] {
    const dc = seed.datacenters[datacenter];
    if (!dc) {
        throw new Error(`the seed has no datacenter ${datacenter}`);
    }
    const peers: Record<string, string[]> = {
        "agents": agents,
        "datacenter": dc.service,
        "datacenter-ntp": dc.ntp,
        "ssh-sources": dc.service, // SSH comes from the datacenter's service ranges unless the input names others
        "dns-servers": seed.defaultDnsServers.map(ip => `${ip}/32`),
        "internet": [seed.internet],
    };
    return seed.requirements.filter(keep).flatMap(r => {
        if (!peers[r.peers]) {
            throw new Error(`the seed names a peer set this runner cannot resolve: ${r.peers}`);
        }
        return peers[r.peers].map(p => `${r.direction} ${r.protocol} ${seedPorts(r)} ${p}`);
    });
}

// The agent-side group's rules: the mirror of the seed's ingress rows from the agents, as egress to the
// appliance group ("group NAME").
function agentSideRows(seed: RequirementsFile, applianceGroup: string): string[] {
    return seed.requirements.filter(r => r.direction === "ingress" && r.peers === "agents")
        .map(r => `egress ${r.protocol} ${seedPorts(r)} group ${applianceGroup}`);
}

// sameRows checks that got and want hold the same rows, as many times each.
function sameRows(what: string, got: string[], want: string[]) {
    const left = [...got];
    const missing: string[] = [];
    for (const w of want) {
        const i = left.indexOf(w);
        if (i >= 0) {
            left.splice(i, 1);
        } else {
            missing.push(w);
        }
    }
    check(missing.length + left.length === 0,
        `${what} differ from the seed:\n  missing:    ${JSON.stringify(missing.sort())}\n  unexpected: ${JSON.stringify(left.sort())}`);
}

// awsRules reads the security group rule resources of a stack export as rows: the appliance group's,
// and the agent side's (peer "group NAME", the group they reach). A prefix-list peer is read as the
// list's entries.
function awsRules(resources: any[]): { appliance: string[]; agentSide: string[] } {
    const groups = new Map<string, string>(); // id -> resource name
    const lists = new Map<string, string[]>(); // id -> entries
    const nameOf = (urn: string) => urn.substring(urn.lastIndexOf("::") + 2);
    for (const r of resources) {
        if (r.type === "aws:ec2/securityGroup:SecurityGroup") {
            groups.set(r.id, nameOf(r.urn));
        } else if (r.type === "aws:ec2/managedPrefixList:ManagedPrefixList") {
            lists.set(r.id, (r.inputs.entries ?? []).map((e: any) => e.cidr));
        }
    }
    const out = { appliance: [] as string[], agentSide: [] as string[] };
    for (const r of resources) {
        const dir = ({
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "ingress",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "egress",
        } as Record<string, string>)[r.type];
        if (!dir) {
            continue;
        }
        const i = r.inputs;
        check(!!i.description, `${nameOf(r.urn)} has no description`);
        let proto = i.ipProtocol, ports = "all";
        if (proto === "-1") {
            proto = "all";
        } else {
            ports = i.fromPort === i.toPort ? `${i.fromPort}` : `${i.fromPort}-${i.toPort}`;
        }
        let peers: string[] = [i.cidrIpv4];
        if (i.prefixListId) {
            peers = lists.get(i.prefixListId) ?? [`unknown prefix list ${i.prefixListId}`];
        } else if (i.referencedSecurityGroupId) {
            peers = [`group ${groups.get(i.referencedSecurityGroupId)}`];
        }
        const side = (groups.get(i.securityGroupId) ?? "").endsWith("-appliances") ? out.appliance : out.agentSide;
        side.push(...peers.map(p => `${dir} ${proto} ${ports} ${p}`));
    }
    return out;
}

async function main() {
    const root = path.resolve(process.argv[2] ?? ".");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "examples-e2e-ts-"));
    try {
        for (const d of ["home", "state"]) {
            fs.mkdirSync(path.join(tmp, d));
        }
        Object.assign(process.env, {
            // the provider, the OFFLINE STAND-IN cloud plugins, the pinned pulumi CLI
            PATH: [path.join(root, "bin"), path.join(root, ".tools/standins"), path.join(root, ".tools/bin"), process.env.PATH].join(path.delimiter),
            PULUMI_HOME: path.join(tmp, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "examples-e2e",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        });
        delete process.env.PULUMI_IGNORE_AMBIENT_PLUGINS;
        delete process.env.PULUMI_ACCESS_TOKEN;

        const stack = await LocalWorkspace.createOrSelectStack({
            stackName: "e2e",
            projectName: "threatmanager-aws-typescript",
            program,
        });
        await stack.setAllConfig({
            "aws:region": { value: "us-east-1" },
            vpcId: { value: "vpc-0123456789abcdef0" },
            natGatewayId: { value: "nat-0123456789abcdef0" },
        });

        // The policy pack (make policy) runs in both previews: a mandatory violation fails one.
        const policyPacks = [path.join(root, "policy", "run-pack")];
        const passes = (name: string, p: { stdout: string }) =>
            check(p.stdout.includes("threatmanager-policies@v") && !/- \[(mandatory|advisory)\]/.test(p.stdout), `the policy pack did not pass the ${name}:\n${p.stdout}`);
        const first = await stack.preview({ policyPacks });
        passes("first preview", first);
        console.log("first preview:", JSON.stringify(first.changeSummary));
        const creates = first.changeSummary.create ?? 0;
        check(creates > 3 && Object.keys(first.changeSummary).length === 1, `first preview ${JSON.stringify(first.changeSummary)}, want creates only`);

        const up = await stack.up();
        console.log("up:", up.summary.result, JSON.stringify(up.summary.resourceChanges));
        check(up.summary.result === "succeeded", `up: ${up.summary.result}`);
        const rules = up.outputs.rules?.value;
        check(Array.isArray(rules) && rules.length > 0, `stack output rules: ${JSON.stringify(rules)}`);
        for (const k of ["applianceSecurityGroupId", "agentSecurityGroupId", "subnetIds"]) {
            check(!!up.outputs[k]?.value, `stack output ${k} is empty`);
        }

        const second = await stack.preview({ policyPacks });
        passes("second preview", second);
        console.log("second preview:", JSON.stringify(second.changeSummary));
        for (const [op, n] of Object.entries(second.changeSummary)) {
            check(op === "same" || n === 0, `second preview ${JSON.stringify(second.changeSummary)}, want no changes`);
        }

        const state = await stack.exportStack();
        const types: Record<string, number> = {};
        for (const r of state.deployment.resources ?? []) {
            types[r.type] = (types[r.type] ?? 0) + 1;
        }
        console.log("stack export:", JSON.stringify(types));
        const want: Record<string, number> = {
            "threatmanager:index:ThreatManager": 1,
            "aws:ec2/subnet:Subnet": 2,
            "aws:ec2/securityGroup:SecurityGroup": 2,
        };
        for (const [t, n] of Object.entries(want)) {
            check(types[t] === n, `stack export: ${types[t] ?? 0} ${t}, want ${n}`);
        }

        // The rules the appliance group holds are the seed's rows for the example's input (datacenter us,
        // agents 10.0.0.0/16) less the ones egressHttp switches off (TCP 80), which the example sets false.
        const rows = awsRules(state.deployment.resources ?? []);
        const seed = readSeed(root);
        const switchedOff = (r: Requirement) => r.purpose === seed.switches.egressHttp;
        const http = seedRows(seed, "us", ["10.0.0.0/16"], switchedOff);
        check(http.length > 0, `the seed has no rows for the egressHttp switch (${seed.switches.egressHttp})`);
        const wantRows = seedRows(seed, "us", ["10.0.0.0/16"], r => r.peers !== "ssh-sources" && !switchedOff(r));
        sameRows("the appliance group's rules", rows.appliance, wantRows);
        for (const h of http) {
            check(!rows.appliance.includes(h), `egressHttp: false, yet the appliance group allows ${h}`);
        }
        sameRows("the agent group's rules", rows.agentSide, agentSideRows(seed, "threat-manager-appliances"));
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    if (failures.length > 0) {
        throw new Error(`examples/aws-typescript: ${failures.length} check(s) failed`);
    }
    console.log("examples/aws-typescript through the engine: ok");
}

main().catch(err => {
    console.error(err);
    process.exit(1);
});
