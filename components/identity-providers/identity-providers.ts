// Social and enterprise identity providers of the user pool: Google, Facebook, Sign in with
// Apple, Login with Amazon, any OIDC provider, SAML. Client secrets and the Apple private key come
// in as Pulumi secrets and stay secret.
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as cognito from "@pulumi/aws/cognito";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityProviderSettings } from "../../config/schema";
import { CognitoComponent, type Transform } from "../shared/component";
import { assertValid } from "../shared/validation";
import { awsFilledDetails, providerDetails, providerType } from "./inputs";
import { attributeMapping, identityProviderName, identityProviderNames, identityProviderProblems, providerMappedAttributes, type PoolAttributeRules } from "./settings";

export interface IdentityProvidersArgs {
    /** The user pool's id. Required. */
    readonly userPoolId: pulumi.Input<string>;
    /** The providers. Required. */
    readonly providers: readonly IdentityProviderSettings[];
    /** Secret values by config key (see config/secrets.ts for the key of each provider). Required. */
    readonly secrets: Readonly<Record<string, pulumi.Input<string>>>;
    /** The pool's attribute rules: no provider may map onto an immutable attribute (UserPool.immutableAttributes). @default { immutable: [] } */
    readonly poolAttributes?: PoolAttributeRules;
    /** Base folder of metadataFile paths. @default the current directory */
    readonly baseDir?: string;
    /** Changes the args of each provider before it is created: a warned escape hatch. @default none */
    readonly transform?: IdentityProvidersTransforms;
}

/** The children a transform can change. */
export interface IdentityProvidersTransforms {
    readonly provider?: Transform<cognito.IdentityProviderArgs>;
}

/**
 * The pool's social and enterprise identity providers, one `aws.cognito.IdentityProvider` each.
 *
 * @example
 * const idps = new IdentityProviders("idp", {
 *     userPoolId: pool.id,
 *     providers: [{ type: "google", clientId: "123.apps.googleusercontent.com" }],
 *     secrets: { googleClientSecret: config.requireSecret("googleClientSecret") },
 * });
 */
export class IdentityProviders extends CognitoComponent<IdentityProvidersTransforms> {
    /** The providers by name ("Google", "SignInWithApple", an OIDC or SAML name). */
    readonly providers: Readonly<Record<string, cognito.IdentityProvider>>;
    /** The provider names clients and federated user names refer to, in the order given. */
    readonly names: readonly string[];
    /** Provider name -> the pool attributes it writes at every sign-in. */
    readonly mappedAttributes: Readonly<Record<string, readonly string[]>>;

    constructor(name: string, args: IdentityProvidersArgs, opts?: pulumi.ComponentResourceOptions) {
        assertValid(`IdentityProviders "${name}"`, identityProviderProblems(args));
        super("IdentityProviders", name, args.transform, opts);
        this.names = identityProviderNames(args.providers);
        this.mappedAttributes = providerMappedAttributes(args.providers);
        this.providers = Object.fromEntries(args.providers.map((idp) => {
            const providerName = identityProviderName(idp);
            return [providerName, this.create("provider", cognito.IdentityProvider, `${name}-${providerName.toLowerCase()}`, {
                userPoolId: args.userPoolId,
                providerName,
                providerType: providerType[idp.type],
                providerDetails: providerDetails(idp, args),
                attributeMapping: attributeMapping(idp),
                idpIdentifiers: idp.type === "saml" && idp.identifiers?.length ? idp.identifiers : undefined,
            }, { ignoreChanges: awsFilledDetails[idp.type].map((key) => `providerDetails.${key}`) })];
        }));
        this.registerOutputs({ names: this.names });
    }
}
