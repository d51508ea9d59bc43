// examples/aws-typescript through the real Pulumi engine (`make examples-e2e`): the example's exported
// program runs as an automation-API inline program (@pulumi/pulumi serves its own language runtime),
// with the Pulumi CLI from `make tools`, the provider from `make build` and the OFFLINE STAND-IN aws
// plugin from `make standins` (a test fixture: no cloud is contacted), in a temporary PULUMI_HOME
// and file backend. preview (creates only), up, a second preview (no changes), the stack's outputs
// and its export.
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

        const first = await stack.preview();
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

        const second = await stack.preview();
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
        const ruleResources = (types["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] ?? 0) +
            (types["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] ?? 0);
        check(ruleResources >= (rules?.length ?? 1), `stack export: ${ruleResources} security group rules for ${rules?.length} rule table rows`);
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
