// Which inputs, when changed, make the Pulumi AWS provider REPLACE a resource (delete and create it
// again) instead of updating it in place: Terraform's `ForceNew: true` (SDKv2 resources) and
// `RequiresReplace()` plan modifiers (plugin-framework resources), per resource type this program
// uses, written with the Pulumi input names of @pulumi/aws 7.48.0 (cognito/*.d.ts, iam/*.d.ts, ...).
//
// Where it comes from. @pulumi/aws 7.x bridges hashicorp/terraform-provider-aws 6.x; the bridge keeps
// the upstream schema's replacement flags and adds none for these types. Upstream files read (the
// stored copy noted; the latest upstream source is not all indexed, so the newest copy found was used
// and the CHANGELOG checked for every later change to these types):
//   cognitoidp/user_pool.go @015edb13 (schema + Update: AddCustomAttributes / "cannot modify or remove
//     schema items"), user_pool_client.go @01f43111, managed_user_pool_client.go @4a0ffdd7,
//     user_pool_domain.go (CustomizeDiff on certificate_arn; v5.3x copies in forks ljluestc @2c2c948e,
//     up-town-down @4c1e7ecf), identity_provider.go @0ea4ca35 (2026), resource_server.go @088e0878,
//     user_group.go @0389eecf, risk_configuration.go @0da2c69c (2026), managed_login_branding.go
//     @0509e60e (2026), user_pool_ui_customization.go @11fde6fb, log_delivery_configuration.go
//     @013f1736 (2026); cognitoidentity/pool.go @01c08000, pool_roles_attachment.go @0aa0d338;
//   iam/role.go @0040ea69, iam/policy.go @01ccd9a2; lambda/function.go @0156d84e (late 2025: tenancy,
//     durable, capacity provider), lambda/permission.go @04592f03 (2025); logs/group.go @0073593e
//     (v6.7+); acm/certificate.go @01661ea3 (2026); route53/record.go @00655c16 (2026);
//   CHANGELOG.md 6.0.0–6.31.0 (Feb 2026): 6.6.0 made aws_cognito_user_pool `name` (#42639) and
//     aws_cognito_resource_server `name` (#41702) updatable in place; no other change to these flags;
//   website/docs/guides/enhanced-region-support: "Changing the value of `region` will force resource
//     replacement" (every regional type here; IAM and Route 53 are global and have no `region`).
// Cross-checked by planning a change to every argument of each type against synthetic state with the
// terraform-provider-aws v5.100.0 binary (`terraform plan -refresh=false`, reading `replace_paths`);
// it agrees with the sources above once the v6 changes (region, the two `name`s, the new lambda
// arguments, the two new Cognito types) are applied.
//
// How to update: when @pulumi/aws moves, read its upstream version (pulumi/pulumi-aws provider/go.mod
// pins the upstream/ submodule), grep that version's CHANGELOG for the types above ("ForceNew",
// "forces replacement", "updated in-place", "RequiresReplace") and fix the lists; or re-run the
// plan cross-check with that provider version.
import { awsTypes } from "../../policy/rules/type-tokens";

/** Input paths (Pulumi names, dot-separated for nested blocks) whose change makes the provider replace the resource. */
export const replacingInputs: Readonly<Record<string, readonly string[]>> = {
    // `name` is NOT here: updatable in place since upstream 6.6.0 (UpdateUserPool takes PoolName).
    // `schemas` is not ForceNew either: see userPoolSchemaChanges below. Adding a usernameConfiguration
    // block where there was none also replaces (caseSensitive goes from unset to a value).
    [awsTypes.userPool]: ["region", "aliasAttributes", "usernameAttributes", "usernameConfiguration.caseSensitive"],
    [awsTypes.client]: ["region", "userPoolId", "generateSecret"],
    // namePattern / namePrefix only select the client at create; changing them is an in-place no-op.
    [awsTypes.managedClient]: ["region", "userPoolId"],
    // `name` updatable in place since upstream 6.6.0; `scopes` too.
    [awsTypes.resourceServer]: ["region", "identifier", "userPoolId"],
    [awsTypes.group]: ["region", "name", "userPoolId"],
    // clientId is Optional+ForceNew: setting or clearing it replaces as well.
    [awsTypes.riskConfiguration]: ["region", "userPoolId", "clientId"],
    [awsTypes.logDelivery]: ["region", "userPoolId"],
    [awsTypes.identityProvider]: ["region", "userPoolId", "providerName", "providerType"],
    // certificateArn replaces only when it is set or cleared: see conditionallyReplacingInputs.
    [awsTypes.domain]: ["region", "domain", "userPoolId"],
    // userPoolId / clientId are not ForceNew: a change re-targets the customization in place (and
    // leaves the old pool's/client's customization behind).
    [awsTypes.uiCustomization]: ["region"],
    // The whole `assets` set is RequiresReplace (and every field in it).
    [awsTypes.branding]: ["region", "userPoolId", "clientId", "assets"],
    // Still ForceNew in upstream 6.61 (issue #49638; PR #49985 to lift it is open).
    [awsTypes.identityPool]: ["region", "identityPoolName", "developerProviderName"],
    [awsTypes.roleAttachment]: ["region", "identityPoolId", "roles"],
    [awsTypes.role]: ["name", "namePrefix", "path"],
    [awsTypes.rolePolicy]: ["name", "namePrefix", "role"],
    [awsTypes.rolePolicyAttachment]: ["role", "policyArn"],
    [awsTypes.policyAttachment]: ["name", "policyArn"],
    [awsTypes.policy]: ["name", "namePrefix", "path", "description"],
    // `name` is Terraform's function_name. durableConfig replaces only when added or removed.
    [awsTypes.lambdaFunction]: ["region", "name", "packageType", "tenancyConfig"],
    // No Update at all upstream: every argument is ForceNew. `function` is Terraform's function_name.
    [awsTypes.lambdaPermission]: [
        "region", "action", "eventSourceToken", "function", "functionUrlAuthType", "invokedViaFunctionUrl",
        "principal", "principalOrgId", "qualifier", "sourceAccount", "sourceArn", "statementId", "statementIdPrefix",
    ],
    [awsTypes.logGroup]: ["region", "name", "namePrefix", "logGroupClass"],
    // options (transparency logging, export), earlyRenewalDuration and an imported certificate's
    // body / chain / key update in place.
    [awsTypes.certificate]: [
        "region", "domainName", "subjectAlternativeNames", "validationMethod", "validationOptions", "keyAlgorithm", "certificateAuthorityArn",
    ],
    // No Update upstream: both arguments are ForceNew.
    [awsTypes.certificateValidation]: ["region", "certificateArn", "validationRecordFqdns"],
    // type and setIdentifier are updated in place (one DELETE+CREATE change batch, same resource).
    [awsTypes.record]: ["zoneId", "name"],
};

/** A change that replaces the resource only between some values (a CustomizeDiff `ForceNewIfChange` upstream). */
export interface ConditionalReplacement {
    readonly path: string;
    readonly replacesWhen: (before: unknown, after: unknown) => boolean;
    readonly note: string;
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

/** Inputs that replace the resource only for some changes; every other change to them is in place. */
export const conditionallyReplacingInputs: Readonly<Record<string, readonly ConditionalReplacement[]>> = {
    [awsTypes.domain]: [{
        path: "certificateArn",
        replacesWhen: (before, after) => isSet(before) !== isSet(after),
        note: "moving between a Cognito prefix domain and a custom domain replaces; one certificate ARN for another updates in place (user_pool_domain.go CustomizeDiff)",
    }],
    [awsTypes.lambdaFunction]: [{
        path: "durableConfig",
        replacesWhen: (before, after) => isSet(before) !== isSet(after),
        note: "adding or removing durableConfig replaces; changing its executionTimeout / retentionPeriod updates in place (function.go CustomizeDiff)",
    }],
};

/**
 * Inputs above that the provider holds as sets: a new order of the same elements is no change.
 * (roleAttachment `roles` is a map, so order never matters there either.)
 */
export const unorderedInputs: Readonly<Record<string, readonly string[]>> = {
    [awsTypes.userPool]: ["aliasAttributes", "usernameAttributes", "schemas"],
    [awsTypes.branding]: ["assets"],
    [awsTypes.certificate]: ["subjectAlternativeNames", "validationOptions"],
    [awsTypes.certificateValidation]: ["validationRecordFqdns"],
};

// User pool `schemas` is not ForceNew upstream: the provider plans an in-place update whatever the
// change. Adding attributes works (the update calls AddCustomAttributes); changing any field of an
// existing one or removing one fails with "cannot modify or remove schema items", after the update's
// other changes were applied. Cognito cannot delete a custom attribute, and UpdateUserPool has no
// schema field. Source: terraform-provider-aws internal/service/cognitoidp/user_pool.go
// resourceUserPoolUpdate; AWS API reference, AddCustomAttributes. plan-diff.ts reports these as refused.
