// The install test's TypeScript program (tests/install/run.sh): a user's stack that installed
// @threatmanager/pulumi-threatmanager from the npm tarball `make dist` wrote, run as an automation-API
// inline program (@pulumi/pulumi serves its own language runtime) through preview, up and a second
// preview that must change nothing. The threatmanager plugin is the one `pulumi plugin install --file`
// put in PULUMI_HOME; aws is an OFFLINE STAND-IN plugin (a test fixture: no cloud is contacted).
//
// Usage: node index.js WORKDIR VERSION
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as threatmanager from "@threatmanager/pulumi-threatmanager";

async function program() {
    const tm = new threatmanager.ThreatManager("install-ts", {
        datacenter: threatmanager.Datacenter.Us,
        agentCidrs: ["10.0.0.0/16"],
        aws: {
            vpcId: "vpc-0123456789abcdef0",
            natGatewayId: "nat-0123456789abcdef0",
            subnets: [{ availabilityZone: "us-east-1a", cidrBlock: "10.0.240.0/24" }],
        },
    });
    return { applianceSecurityGroupId: tm.awsApplianceSecurityGroupId, rules: tm.rules };
}

function fail(message: string): never {
    throw new Error(`install test (TypeScript): ${message}`);
}

async function main() {
    const [workDir, version] = process.argv.slice(2);
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "install", projectName: "install-ts", program }, { workDir });
    await stack.setConfig("aws:region", { value: "us-east-1" });

    const first = await stack.preview();
    const creates = first.changeSummary.create ?? 0;
    if (creates < 5 || Object.keys(first.changeSummary).some(op => op !== "create")) {
        fail(`first preview: want creates only, got ${JSON.stringify(first.changeSummary)}`);
    }
    const up = await stack.up();
    if (up.summary.result !== "succeeded" || (up.summary.resourceChanges?.create ?? 0) !== creates) {
        fail(`up: ${up.summary.result}, ${JSON.stringify(up.summary.resourceChanges)} (preview said ${creates} creates)`);
    }
    if (!String(up.outputs.applianceSecurityGroupId?.value ?? "").startsWith("sg-")) {
        fail(`output applianceSecurityGroupId is ${JSON.stringify(up.outputs.applianceSecurityGroupId)}`);
    }
    const second = await stack.preview();
    if (Object.keys(second.changeSummary).some(op => op !== "same")) {
        fail(`second preview: want no changes, got ${JSON.stringify(second.changeSummary)}`);
    }
    // The component ran in the installed plugin of this version.
    const state = await stack.exportStack();
    const providers = state.deployment.resources.filter((r: any) => r.type === "pulumi:providers:threatmanager");
    if (providers.length !== 1 || providers[0].inputs?.version !== version) {
        fail(`threatmanager provider in state: ${JSON.stringify(providers.map((p: any) => p.inputs))}, want version ${version}`);
    }
    console.log(`TypeScript: preview ${creates} creates, up ${up.summary.result}, second preview no changes, provider threatmanager ${version}`);
}

main().catch(err => {
    console.error(err);
    process.exit(1);
});
