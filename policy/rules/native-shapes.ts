// aws-native (Cloud Control) resources are CloudFormation's with the property names camelCased: an
// identity pool's id is awsId, a role's trust is assumeRolePolicyDocument and its inline policies are
// policies: [{ policyName, policyDocument }]. The identity pool, grant and exposure rules are written
// for the aws: provider's shapes; rather than teach each of them a second spelling, the stack rules
// read the stack through onAwsShapes, which presents each aws-native resource of the table below as
// its aws: equivalent (type token and property names). Every other resource is passed as it is. (An
// identity pool's own settings are spelled alike, so its resource rules just list both types:
// support.ts identityPoolTypes.)
// Properties are renamed, not copied: each is read only when a rule reads it, through the engine's
// proxy, so a value a preview cannot know still throws then, at the path the program wrote.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { awsNativeTypes, awsTypes } from "./type-tokens";

type Props = Record<string, unknown>;

/** Per aws: property: the aws-native property it reads, or how it is read from the aws-native properties. */
type Names = Readonly<Record<string, string | ((props: Props) => unknown)>>;

/** The same object, with the named properties read under their other names; any other property as it is. */
function renamed(props: Props, names: Names): Props {
    return new Proxy(props, {
        get: (target, key) => {
            const to = typeof key === "string" && Object.hasOwn(names, key) ? names[key] : key;
            return typeof to === "function" ? to(target) : Reflect.get(target, to);
        },
    });
}

/** CloudFormation's inline policy ({ policyName, policyDocument }) as the aws: provider's ({ name, policy }); anything else as it is, for grantsOf to judge. */
const inlinePolicy = (entry: unknown) => (entry !== null && typeof entry === "object" && !Array.isArray(entry) ? renamed(entry as Props, { name: "policyName", policy: "policyDocument" }) : entry);

/** A role's policies list, entry by entry (one entry given alone stays one entry). */
function inlinePolicies(props: Props): unknown {
    const policies = props.policies;
    return Array.isArray(policies) ? policies.map(inlinePolicy) : inlinePolicy(policies);
}

/** Each aws-native type the identity pool rules judge: its aws: type, and the properties spelled differently. */
const shapes: Readonly<Record<string, { readonly type: string; readonly names: Names }>> = {
    [awsNativeTypes.identityPool]: { type: awsTypes.identityPool, names: { id: "awsId" } },
    // identityPoolId, roles and roleMappings as aws: names them; roleMappingsOf reads CloudFormation's map by provider.
    [awsNativeTypes.roleAttachment]: { type: awsTypes.roleAttachment, names: {} },
    [awsNativeTypes.group]: { type: awsTypes.group, names: { name: "groupName" } },
    [awsNativeTypes.role]: { type: awsTypes.role, names: { name: "roleName", assumeRolePolicy: "assumeRolePolicyDocument", inlinePolicies } },
    [awsNativeTypes.rolePolicy]: { type: awsTypes.rolePolicy, names: { role: "roleName", name: "policyName", policy: "policyDocument" } },
    // role, environment.variables, timeout and arn as aws: names them.
    [awsNativeTypes.lambdaFunction]: { type: awsTypes.lambdaFunction, names: { name: "functionName" } },
    // CloudFormation's AWS::IAM::ManagedPolicy names the roles it is attached to (roles, as aws:iam/policy reads them in grants.ts).
    [awsNativeTypes.managedPolicy]: { type: awsTypes.policy, names: { name: "managedPolicyName", policy: "policyDocument", arn: "policyArn" } },
};

/** The stack's resources, each aws-native one of the table presented as its aws: equivalent (same name and URN). */
export function awsShapes(resources: PolicyResource[]): PolicyResource[] {
    return resources.map((r) => {
        const shape = Object.hasOwn(shapes, r.type) ? shapes[r.type] : undefined;
        return shape === undefined ? r : { ...r, type: shape.type, props: renamed(r.props, shape.names) };
    });
}

/** A stack validation that sees the stack through awsShapes. */
export function onAwsShapes(validate: StackValidationPolicy["validateStack"]): StackValidationPolicy["validateStack"] {
    return (args, report) => validate({ ...args, resources: awsShapes(args.resources) }, report);
}
