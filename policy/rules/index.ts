// Every rule of the pack, in the order they are reported. Plain arrays: tests and the offline
// check import them without starting the policy server (only policy/index.ts does that).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { clientRules } from "./clients";
import { identityPoolRules } from "./identity-pool";
import { neverThrowing } from "./never-throw";
import { poolExposureRules } from "./pool-exposure";
import { stackRules } from "./stack";
import { triggerGroups } from "./trigger-groups";
import { triggerRules } from "./triggers";
import { userPoolRules } from "./user-pool";

export const packName = "cognito-security";
export const packDescription = "Security rules for AWS Cognito stacks: passwords, MFA, tokens, clients, identity pool roles, triggers.";

/** Every rule, none of which can fail a preview by throwing (see never-throw.ts). */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [...userPoolRules, ...clientRules, ...identityPoolRules, ...stackRules, ...triggerRules, triggerGroups, ...poolExposureRules].map(neverThrowing);
