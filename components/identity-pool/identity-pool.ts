// The identity pool: AWS credentials for signed-in users (and, only when asked, for guests).
// Each role trusts cognito-identity.amazonaws.com for this pool only (aud) and for its own slot
// only (amr), so a guest token can never assume the signed-in role.
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as cognito from "@pulumi/aws/cognito";
import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityPoolSettings } from "../../config/schema";
import { CognitoComponent, type Transform } from "../shared/component";
import { assertValid } from "../shared/validation";
import { authenticatedStatements, roleMappings, trustPolicy, type Slot, type Statement } from "./inputs";
import { assumedUntrustedClaims, identityPoolDefaults, identityPoolName, identityPoolProblems } from "./settings";

export interface IdentityPoolArgs extends IdentityPoolSettings {
    /** The user pool as an identity provider: "cognito-idp.<region>.amazonaws.com/<user pool id>" (the pool's endpoint). Required. */
    readonly userPoolProviderName: pulumi.Input<string>;
    /** User-facing clients (web and native) that may be linked, name -> id. Required. */
    readonly availableClients: Readonly<Record<string, pulumi.Input<string>>>;
    /**
     * Claims users or identity providers control, each with why (for example
     * `{ "custom:tier": 'users can write it through client "web"' }`). Role-mapping rules may not
     * choose a role by them unless roleMapping.trustedClaims says so.
     * @default every "custom:" claim and every standard attribute a rule uses (clients let users write those by default)
     */
    readonly untrustedClaims?: Readonly<Record<string, string>>;
    /** Tags on every taggable child. @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /** Changes the args of a child before it is created: a warned escape hatch, still judged by the policy pack. @default none */
    readonly transform?: IdentityPoolTransforms;
}

/** The children a transform can change. */
export interface IdentityPoolTransforms {
    readonly pool?: Transform<cognito.IdentityPoolArgs>;
    /** The authenticated role and, with guests, the guest role. */
    readonly role?: Transform<iam.RoleArgs>;
    readonly rolePolicy?: Transform<iam.RolePolicyArgs>;
    readonly roleAttachment?: Transform<cognito.IdentityPoolRoleAttachmentArgs>;
}

/**
 * The identity pool: AWS credentials for signed-in users of the given clients, and for guests only
 * when asked. Each role trusts this pool (`aud`) and its own slot (`amr`) only.
 *
 * @example
 * const identity = new IdentityPool("identity", {
 *     userPoolProviderName: pool.pool.endpoint,
 *     availableClients: clients.userClientIds,
 *     authenticated: { s3UserPrefix: { bucket: "news-user-uploads" } },
 * });
 */
export class IdentityPool extends CognitoComponent<IdentityPoolTransforms> {
    /** The Cognito identity pool. */
    readonly pool: cognito.IdentityPool;
    /** The role signed-in users get (unless role mapping chooses another). */
    readonly authenticatedRole: iam.Role;
    /** The role guests get; only with allowGuests. */
    readonly guestRole?: iam.Role;
    /** Attaches the roles and the role mapping to the identity pool. */
    readonly roleAttachment: cognito.IdentityPoolRoleAttachment;
    /** The identity pool's id. */
    readonly id: pulumi.Output<string>;

    constructor(name: string, args: IdentityPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        const available = Object.keys(args.availableClients);
        const untrusted = args.untrustedClaims ?? assumedUntrustedClaims(args);
        assertValid(`IdentityPool "${name}"`, identityPoolProblems(args, available, untrusted));
        super("IdentityPool", name, args.transform, opts);
        const settings: IdentityPoolSettings = args;
        const clientNames = settings.clients ?? available;
        const guests = settings.allowGuests ?? identityPoolDefaults.allowGuests;

        this.pool = this.create("pool", cognito.IdentityPool, `${name}-pool`, {
            identityPoolName: identityPoolName(settings),
            allowUnauthenticatedIdentities: guests,
            allowClassicFlow: false,
            // serverSideTokenCheck: a token revoked by sign-out no longer buys credentials.
            cognitoIdentityProviders: clientNames.map((client) => ({ clientId: args.availableClients[client], providerName: args.userPoolProviderName, serverSideTokenCheck: true })),
            tags: args.tags,
        });
        this.id = this.pool.id;

        this.authenticatedRole = this.createRole(name, "authenticated", authenticatedStatements(settings), args.tags);
        this.guestRole = guests
            ? this.createRole(name, "unauthenticated", (settings.guest?.statements ?? []).map((s) => ({ Effect: "Allow" as const, Action: s.actions, Resource: s.resources })), args.tags)
            : undefined;

        this.roleAttachment = this.create("roleAttachment", cognito.IdentityPoolRoleAttachment, `${name}-roles`, {
            identityPoolId: this.pool.id,
            roles: { authenticated: this.authenticatedRole.arn, ...(this.guestRole && { unauthenticated: this.guestRole.arn }) },
            roleMappings: roleMappings(settings, clientNames.map((c) => args.availableClients[c]), args.userPoolProviderName),
        }, {
            // A change of roles (guests turned on, a role replaced) replaces the attachment, whose id is
            // the pool's: created first, the old one's delete would then clear the pool's roles, and
            // nobody would get credentials. Deleted first, the new roles are the ones left.
            deleteBeforeReplace: true,
        });
        this.registerOutputs({ id: this.id, authenticatedRoleArn: this.authenticatedRole.arn, guestRoleArn: this.guestRole?.arn });
    }

    private createRole(name: string, slot: Slot, statements: Statement[], tags?: Record<string, string>): iam.Role {
        const roleName = slot === "authenticated" ? `${name}-authenticated` : `${name}-guest`;
        const role = this.create("role", iam.Role, roleName, {
            description: `Cognito identity pool ${slot} users`,
            assumeRolePolicy: trustPolicy(this.pool.id, slot),
            tags,
        });
        if (statements.length > 0) {
            this.create("rolePolicy", iam.RolePolicy, `${roleName}-grants`, {
                role: role.id,
                policy: pulumi.output({ Version: "2012-10-17", Statement: statements }).apply((doc) => JSON.stringify(doc)),
            });
        }
        return role;
    }
}
