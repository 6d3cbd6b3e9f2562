export { ConfigError } from "./errors";
export { checkStackConfig, loadStackConfig, type CheckedConfig, type RawConfig, type Section, type StackConfig } from "./load";
export { namedPolicyConfig, policyConfigDir, stagePolicyConfig } from "./policy-config";
export { identityProviderSecretKey, secretConfigKeys, type SecretKey } from "./secrets";
export * from "./schema";
export { stageDefaults } from "./stage-defaults";
export { stageLabel } from "./stage-rules";
export { readSecrets, readStackConfig, stackRegion } from "./pulumi-source";
