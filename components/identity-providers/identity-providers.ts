// Social and enterprise identity providers of the user pool: Google, Facebook, Sign in with
// Apple, Login with Amazon, any OIDC provider, SAML. Client secrets and the Apple private key come
// in as Pulumi secrets and stay secret.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityProviderSettings } from "../../config/schema";
import { assertValid } from "../shared/validation";
import { awsFilledDetails, providerDetails, providerType } from "./inputs";
import { attributeMapping, identityProviderName, identityProviderNames, identityProviderProblems, type PoolAttributeRules } from "./settings";

export interface IdentityProvidersArgs {
    readonly userPoolId: pulumi.Input<string>;
    readonly providers: readonly IdentityProviderSettings[];
    /** Secret values by config key (see config/secrets.ts for the key of each provider). */
    readonly secrets: Readonly<Record<string, pulumi.Input<string>>>;
    /** @default { immutable: [] } */
    readonly poolAttributes?: PoolAttributeRules;
    /** Base folder of metadataFile paths. @default the project root */
    readonly baseDir?: string;
}

export class IdentityProviders extends pulumi.ComponentResource {
    readonly providers: Readonly<Record<string, aws.cognito.IdentityProvider>>;
    readonly names: readonly string[];

    constructor(name: string, args: IdentityProvidersArgs, opts?: pulumi.ComponentResourceOptions) {
        assertValid(`IdentityProviders "${name}"`, identityProviderProblems(args));
        super("cognito-as-code:index:IdentityProviders", name, {}, opts);
        this.names = identityProviderNames(args.providers);
        this.providers = Object.fromEntries(args.providers.map((idp) => {
            const providerName = identityProviderName(idp);
            return [providerName, new aws.cognito.IdentityProvider(`${name}-${providerName.toLowerCase()}`, {
                userPoolId: args.userPoolId,
                providerName,
                providerType: providerType[idp.type],
                providerDetails: providerDetails(idp, args),
                attributeMapping: attributeMapping(idp),
                idpIdentifiers: idp.type === "saml" && idp.identifiers?.length ? idp.identifiers : undefined,
            }, { parent: this, ignoreChanges: awsFilledDetails[idp.type].map((key) => `providerDetails.${key}`) })];
        }));
        this.registerOutputs({ names: this.names });
    }
}
