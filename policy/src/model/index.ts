import { Config } from "../requirements";
import { Res } from "../resources";
import { awsModel } from "./aws";
import { azureModel } from "./azure";
import { gcpModel } from "./gcp";
import { Model } from "./types";

export * from "./types";

/** Every appliance group of the stack and every rule that applies to one. */
export function buildModel(resources: readonly Res[], config: Config): Model {
    const parts = [awsModel(resources), azureModel(resources), gcpModel(resources, config)];
    return { groups: parts.flatMap(p => p.groups), rules: parts.flatMap(p => p.rules) };
}
