// The identity pool: AWS credentials for signed-in users (and, only when asked, for guests).
// Each role trusts cognito-identity.amazonaws.com for this pool only (aud) and for its own slot
// only (amr), so a guest token can never assume the signed-in role.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityPoolSettings } from "../../config/schema";
import { assertValid } from "../shared/validation";
import { authenticatedStatements, roleMappings, trustPolicy, type Slot, type Statement } from "./inputs";
import { assumedUntrustedClaims, identityPoolDefaults, identityPoolProblems } from "./settings";

export interface IdentityPoolArgs {
    readonly settings: IdentityPoolSettings;
    /** "cognito-idp.<region>.amazonaws.com/<user pool id>" */
    readonly userPoolProviderName: pulumi.Input<string>;
    /** User-facing clients that may be linked, by name. */
    readonly availableClients: Readonly<Record<string, pulumi.Input<string>>>;
    /**
     * Claims users or identity providers control, each with why (for example
     * `{ "custom:tier": 'users can write it through client "web"' }`). Role-mapping rules may not
     * choose a role by them unless roleMapping.trustedClaims says so.
     * @default every "custom:" claim and every standard attribute a rule uses (clients let users write those by default)
     */
    readonly untrustedClaims?: Readonly<Record<string, string>>;
    readonly tags?: Readonly<Record<string, string>>;
}

export class IdentityPool extends pulumi.ComponentResource {
    readonly pool: aws.cognito.IdentityPool;
    readonly authenticatedRole: aws.iam.Role;
    readonly guestRole?: aws.iam.Role;
    readonly roleAttachment: aws.cognito.IdentityPoolRoleAttachment;
    readonly id: pulumi.Output<string>;

    constructor(name: string, args: IdentityPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        const available = Object.keys(args.availableClients);
        const untrusted = args.untrustedClaims ?? assumedUntrustedClaims(args.settings);
        assertValid(`IdentityPool "${name}"`, identityPoolProblems(args.settings, available, untrusted));
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
