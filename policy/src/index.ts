// threatmanager-policies: holds any stack to the Threat Manager networking requirements.
// `pulumi preview --policy-pack policy/run-pack`, or `pulumi policy analyze --file STATE --policy-pack
// policy/run-pack` for an exported state.

import { PolicyPack } from "@pulumi/policy";
import { stackPolicy } from "./context";
import { checks } from "./policies";

new PolicyPack("threatmanager-policies", {
    description: "Holds any stack to the Threat Manager networking requirements: documented ingress and egress only, nothing open to the internet, time-boxed SSH, deny-alls below the allows.",
    policies: checks.map(stackPolicy),
});
