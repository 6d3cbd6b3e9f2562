// The policy pack `pulumi preview --policy-pack policy` runs. Constructing it starts the policy
// server, so nothing else lives here: the rules are in rules/.
import { PolicyPack } from "@pulumi/policy";
import { packDescription, packName, policies } from "./rules";

new PolicyPack(packName, { policies, description: packDescription, enforcementLevel: "advisory" });
