// Turns identity pool settings into IAM documents and role mappings: each role's trust, the
// signed-in users' grants, and the role attachment's mappings. Pure but for Pulumi outputs.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityPoolSettings } from "../../config/schema";
import { identityPoolDefaults } from "./settings";

/** The identity id of the caller, as IAM policies spell it. */
export const identityIdVariable = "${cognito-identity.amazonaws.com:sub}";

export type Slot = "authenticated" | "unauthenticated";

export interface Statement {
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: pulumi.Input<string> | readonly pulumi.Input<string>[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

export function trustPolicy(identityPoolId: pulumi.Input<string>, slot: Slot): pulumi.Output<string> {
    return pulumi.output(identityPoolId).apply((aud) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: { "cognito-identity.amazonaws.com:aud": aud },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": slot },
            },
        }],
    }));
}

export function authenticatedStatements(settings: IdentityPoolSettings): Statement[] {
    const grants = settings.authenticated ?? {};
    const statements: Statement[] = [];
    if (grants.s3UserPrefix) {
        const { bucket, actions } = grants.s3UserPrefix;
        statements.push({ Effect: "Allow", Action: [...(actions ?? identityPoolDefaults.s3UserPrefixActions)], Resource: `arn:aws:s3:::${bucket}/${identityIdVariable}/*` });
        statements.push({ Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { "s3:prefix": [`${identityIdVariable}/*`] } } });
    }
    if (grants.dynamoUserItems) {
        const { tableArn, actions } = grants.dynamoUserItems;
        statements.push({
            Effect: "Allow",
            Action: [...(actions ?? identityPoolDefaults.dynamoUserItemsActions)],
            Resource: tableArn,
            // ForAllValues passes vacuously when a request names no key (a Scan-like call); Null: false requires one.
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [identityIdVariable] }, Null: { "dynamodb:LeadingKeys": "false" } },
        });
    }
    for (const s of grants.statements ?? []) statements.push({ Effect: "Allow", Action: s.actions, Resource: s.resources });
    return statements;
}

export function roleMappings(settings: IdentityPoolSettings, clientIds: pulumi.Input<string>[], providerName: pulumi.Input<string>): pulumi.Input<aws.types.input.cognito.IdentityPoolRoleAttachmentRoleMapping[]> | undefined {
    const mapping = settings.roleMapping;
    if (!mapping) return undefined;
    const identityProvider = (clientId: pulumi.Input<string>) => pulumi.interpolate`${providerName}:${clientId}`;
    if (mapping.type === "token") {
        const ambiguousRoleResolution = mapping.ambiguousRoleResolution ?? identityPoolDefaults.tokenAmbiguousRoleResolution;
        return clientIds.map((clientId) => ({ identityProvider: identityProvider(clientId), type: "Token", ambiguousRoleResolution }));
    }
    const ambiguousRoleResolution = mapping.ambiguousRoleResolution ?? identityPoolDefaults.rulesAmbiguousRoleResolution;
    const mappingRules = mapping.rules.map((r) => ({ claim: r.claim, matchType: r.matchType ?? identityPoolDefaults.matchType, value: r.value, roleArn: r.roleArn }));
    return clientIds.map((clientId) => ({ identityProvider: identityProvider(clientId), type: "Rules", ambiguousRoleResolution, mappingRules }));
}
