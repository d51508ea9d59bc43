import { Check } from "../context";
import { denyAllBelowAllows } from "./denyall";
import { ruleDescriptions } from "./descriptions";
import { egressDocumented, ingressDocumented } from "./documented";
import { sshClosedInCloud } from "./incloud";
import { noInternet } from "./internet";
import { sshTimeBoxed } from "./ssh";

/** Every policy of the pack, mandatory ones first. */
export const checks: Check[] = [
    ingressDocumented, egressDocumented, noInternet, sshTimeBoxed, denyAllBelowAllows,
    ruleDescriptions, sshClosedInCloud,
];
