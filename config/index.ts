export { ConfigError } from "./errors";
export { loadStackConfig, type RawConfig, type StackConfig } from "./load";
export { identityProviderSecretKey, secretConfigKeys, type SecretKey } from "./secrets";
export * from "./schema";
export { stageDefaults } from "./stage-defaults";
export { readSecrets, readStackConfig, stackRegion } from "./pulumi-source";
