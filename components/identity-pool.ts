// The identity pool: AWS credentials for signed-in users (and, only when asked, for guests).
// Each role trusts cognito-identity.amazonaws.com for this pool only (aud) and for its own slot
// only (amr), so a guest token can never assume the signed-in role.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityPoolSettings } from "../config/schema";
import { ProblemList, assertValid, quoted, type Problem } from "./validation";

export const identityPoolDefaults = {
    allowGuests: false,
    s3UserPrefixActions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    dynamoUserItemsActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
} as const;

/** The identity id of the caller, as IAM policies spell it. */
export const identityIdVariable = "${cognito-identity.amazonaws.com:sub}";

export interface IdentityPoolArgs {
    readonly settings: IdentityPoolSettings;
    /** "cognito-idp.<region>.amazonaws.com/<user pool id>" */
    readonly userPoolProviderName: pulumi.Input<string>;
    /** User-facing clients that may be linked, by name. */
    readonly availableClients: Readonly<Record<string, pulumi.Input<string>>>;
    readonly tags?: Readonly<Record<string, string>>;
}

type Slot = "authenticated" | "unauthenticated";

interface Statement {
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: pulumi.Input<string> | readonly pulumi.Input<string>[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

export function identityPoolProblems(settings: IdentityPoolSettings, availableClients: readonly string[]): Problem[] {
    const p = new ProblemList();
    (settings.clients ?? []).forEach((client, i) => p.check(availableClients.includes(client), `clients[${i}]`,
        `got ${JSON.stringify(client)}; allowed: a web or native client of this stack: ${availableClients.length ? quoted(availableClients) : "none configured"}`));
    p.check((settings.clients ?? availableClients).length > 0, "clients", "the identity pool needs at least one web or native client to trust");
    const guests = settings.allowGuests ?? identityPoolDefaults.allowGuests;
    p.check(guests || !settings.guest?.statements?.length, "guest.statements", "guest permissions are given but allowGuests is false; set allowGuests: true or remove them");
    const bucket = settings.authenticated?.s3UserPrefix?.bucket;
    if (bucket !== undefined) p.check(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket), "authenticated.s3UserPrefix.bucket", `got ${JSON.stringify(bucket)}; allowed: an S3 bucket name`);
    return p.problems;
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
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [identityIdVariable] } },
        });
    }
    for (const s of grants.statements ?? []) statements.push({ Effect: "Allow", Action: s.actions, Resource: s.resources });
    return statements;
}

export class IdentityPool extends pulumi.ComponentResource {
    readonly pool: aws.cognito.IdentityPool;
    readonly authenticatedRole: aws.iam.Role;
    readonly guestRole?: aws.iam.Role;
    readonly roleAttachment: aws.cognito.IdentityPoolRoleAttachment;
    readonly id: pulumi.Output<string>;

    constructor(name: string, args: IdentityPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        const available = Object.keys(args.availableClients);
        assertValid(`IdentityPool "${name}"`, identityPoolProblems(args.settings, available));
        super("cognito-as-code:index:IdentityPool", name, {}, opts);
        const settings = args.settings;
        const clientNames = settings.clients ?? available;
        const guests = settings.allowGuests ?? identityPoolDefaults.allowGuests;

        this.pool = new aws.cognito.IdentityPool(`${name}-pool`, {
            identityPoolName: settings.name ?? `${pulumi.getProject()}_${pulumi.getStack()}`.replace(/[^\w ]/g, "_"),
            allowUnauthenticatedIdentities: guests,
            allowClassicFlow: false,
            // serverSideTokenCheck: a token revoked by sign-out no longer buys credentials.
            cognitoIdentityProviders: clientNames.map((client) => ({ clientId: args.availableClients[client], providerName: args.userPoolProviderName, serverSideTokenCheck: true })),
            tags: args.tags,
        }, { parent: this });
        this.id = this.pool.id;

        this.authenticatedRole = this.createRole(name, "authenticated", authenticatedStatements(settings), args.tags);
        this.guestRole = guests
            ? this.createRole(name, "unauthenticated", (settings.guest?.statements ?? []).map((s) => ({ Effect: "Allow" as const, Action: s.actions, Resource: s.resources })), args.tags)
            : undefined;

        this.roleAttachment = new aws.cognito.IdentityPoolRoleAttachment(`${name}-roles`, {
            identityPoolId: this.pool.id,
            roles: { authenticated: this.authenticatedRole.arn, ...(this.guestRole && { unauthenticated: this.guestRole.arn }) },
            roleMappings: roleMappings(settings, clientNames.map((c) => args.availableClients[c]), args.userPoolProviderName),
        }, { parent: this });
        this.registerOutputs({ id: this.id, authenticatedRoleArn: this.authenticatedRole.arn, guestRoleArn: this.guestRole?.arn });
    }

    private createRole(name: string, slot: Slot, statements: Statement[], tags?: Record<string, string>): aws.iam.Role {
        const roleName = slot === "authenticated" ? `${name}-authenticated` : `${name}-guest`;
        const role = new aws.iam.Role(roleName, {
            description: `Cognito identity pool ${slot} users`,
            assumeRolePolicy: trustPolicy(this.pool.id, slot),
            tags,
        }, { parent: this });
        if (statements.length > 0) {
            new aws.iam.RolePolicy(`${roleName}-grants`, {
                role: role.id,
                policy: pulumi.output({ Version: "2012-10-17", Statement: statements }).apply((doc) => JSON.stringify(doc)),
            }, { parent: this });
        }
        return role;
    }
}

function roleMappings(settings: IdentityPoolSettings, clientIds: pulumi.Input<string>[], providerName: pulumi.Input<string>): pulumi.Input<aws.types.input.cognito.IdentityPoolRoleAttachmentRoleMapping[]> | undefined {
    const mapping = settings.roleMapping;
    if (!mapping) return undefined;
    return clientIds.map((clientId) => ({
        identityProvider: pulumi.interpolate`${providerName}:${clientId}`,
        type: mapping.type === "token" ? "Token" : "Rules",
        ambiguousRoleResolution: "AuthenticatedRole",
        mappingRules: mapping.type === "rules" ? mapping.rules.map((r) => ({ ...r })) : undefined,
    }));
}
