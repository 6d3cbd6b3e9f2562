// Every type token the project matches on, in one table: the policy pack (which does not import
// @pulumi/aws, so it starts fast), the offline harness, the plan printer and the tests read it.

/** AWS resource types, as the Pulumi AWS provider names them. */
export const awsTypes = {
    userPool: "aws:cognito/userPool:UserPool",
    client: "aws:cognito/userPoolClient:UserPoolClient",
    managedClient: "aws:cognito/managedUserPoolClient:ManagedUserPoolClient",
    resourceServer: "aws:cognito/resourceServer:ResourceServer",
    group: "aws:cognito/userGroup:UserGroup",
    riskConfiguration: "aws:cognito/riskConfiguration:RiskConfiguration",
    logDelivery: "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration",
    identityProvider: "aws:cognito/identityProvider:IdentityProvider",
    domain: "aws:cognito/userPoolDomain:UserPoolDomain",
    uiCustomization: "aws:cognito/userPoolUICustomization:UserPoolUICustomization",
    branding: "aws:cognito/managedLoginBranding:ManagedLoginBranding",
    identityPool: "aws:cognito/identityPool:IdentityPool",
    roleAttachment: "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    policy: "aws:iam/policy:Policy",
    lambdaFunction: "aws:lambda/function:Function",
    lambdaPermission: "aws:lambda/permission:Permission",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    certificate: "aws:acm/certificate:Certificate",
    certificateValidation: "aws:acm/certificateValidation:CertificateValidation",
    record: "aws:route53/record:Record",
    provider: "pulumi:providers:aws",
    randomUuid: "random:index/randomUuid:RandomUuid",
} as const;

/** AWS Cloud Control (aws-native) resource types the pack judges like their aws: equivalents. */
export const awsNativeTypes = {
    userPool: "aws-native:cognito:UserPool",
    client: "aws-native:cognito:UserPoolClient",
    group: "aws-native:cognito:UserPoolGroup",
    identityPool: "aws-native:cognito:IdentityPool",
    roleAttachment: "aws-native:cognito:IdentityPoolRoleAttachment",
    role: "aws-native:iam:Role",
    rolePolicy: "aws-native:iam:RolePolicy",
    lambdaFunction: "aws-native:lambda:Function",
    managedPolicy: "aws-native:iam:ManagedPolicy",
} as const;

/** The package part of every component type token: the Pulumi project's name (Pulumi.yaml). */
export const componentTypePrefix = "cognito";
/** The prefix the first release used: components keep an alias to it, so deployed URNs hold. */
export const formerComponentTypePrefix = "cognito-as-code";

/** A component's type token, now or as the first release named it. */
export const componentType = (kind: string, prefix: string = componentTypePrefix) => `${prefix}:index:${kind}`;

/** This project's components (components/shared/component.ts registers them with these tokens). */
export const componentTypes = {
    userPool: componentType("UserPool"),
    triggers: componentType("Triggers"),
    triggerFunction: componentType("TriggerFunction"),
    appClients: componentType("AppClients"),
    identityProviders: componentType("IdentityProviders"),
    domain: componentType("Domain"),
    identityPool: componentType("IdentityPool"),
} as const;
