// What the sandbox needs of a stack, read from the same planned resources the offline plan collects:
// the pool (in the Cognito API's shape), its groups and clients, and each enabled trigger as a
// local function (bundle, handler, environment, timeout) with the trigger it serves.
import { bundleTrigger } from "../../components/triggers/bundle";
import { triggerDefinitions, type TriggerName } from "../../components/triggers/settings";
import { awsTypes } from "../../policy/rules/type-tokens";
import type { Plan, PlannedResource } from "../harness/run-stack";
import { unwrapSecrets } from "../harness/wire";
import { awsDefaultPasswordPolicy, type PasswordPolicy } from "../../lambdas/shared/password-policy";
import { identityPoolModel, type IdentityPoolModel } from "./identity-pool/model";
import type { LocalFunction } from "./lambda-host";

export interface SandboxClient {
    /** The client's name (the program's `name` input). */
    readonly name: string;
    readonly explicitAuthFlows: readonly string[];
    /** CreateUserPoolClient's request. */
    readonly request: Record<string, unknown>;
    readonly generateSecret: boolean;
    readonly callbackUrls: readonly string[];
    readonly logoutUrls: readonly string[];
    /** code, implicit, client_credentials. */
    readonly oauthFlows: readonly string[];
    readonly oauthScopes: readonly string[];
    /** COGNITO and the provider names the hosted UI offers. */
    readonly identityProviders: readonly string[];
    /** Attributes the ID token may carry; empty: all. */
    readonly readAttributes: readonly string[];
    /** Attributes the client may write (sign-up, attribute updates); empty: all. */
    readonly writeAttributes: readonly string[];
    readonly tokenRevocation: boolean;
    /** GetTokensFromRefreshToken hands out a new refresh token; REFRESH_TOKEN_AUTH is refused. */
    readonly refreshTokenRotation: { readonly enabled: boolean; readonly gracePeriodSeconds: number };
    readonly validity: { readonly accessSeconds: number; readonly idSeconds: number; readonly refreshSeconds: number };
}

export interface SandboxModel {
    readonly stack: string;
    readonly region: string;
    /** CreateUserPool's request. */
    readonly pool: Record<string, unknown>;
    readonly poolName: string;
    readonly passwordPolicy: PasswordPolicy;
    readonly groups: readonly { name: string; description?: string; precedence?: number; roleArn?: string }[];
    readonly clients: readonly SandboxClient[];
    readonly functions: readonly LocalFunction[];
    /** The token trigger's event version: "V1_0", "V2_0" or "V3_0". */
    readonly tokenEventVersion: string;
    /** The hosted UI, when the stack gives the pool a domain: its look (classic CSS and logo, where the stack has them) and the pool's identity providers. */
    readonly hostedUi?: { readonly css?: string; readonly logoBase64?: string; readonly providers: readonly string[] };
    readonly identityPool?: IdentityPoolModel;
    /** The sign-in and sign-out URLs the stack outputs (per client, per language), on AWS's domain. */
    readonly outputs: Record<string, any>;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Pulumi's camelCase inputs as the Cognito API's PascalCase members, numbers in constraints as strings. */
function apiShape(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(apiShape);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [pascal(k), apiShape(v)]));
    return value;
}

function poolRequest(inputs: Record<string, any>): Record<string, unknown> {
    const { name, passwordPolicy, schemas, tags, lambdaConfig, userPoolTier, deletionProtection, emailConfiguration, smsConfiguration, userPoolAddOns, signInPolicy, webAuthnConfiguration, ...rest } = inputs;
    return {
        ...(apiShape(rest) as Record<string, unknown>),
        PoolName: name,
        Policies: { PasswordPolicy: apiShape(passwordPolicy) },
        Schema: (schemas ?? []).map((s: Record<string, unknown>) => apiShape(s)),
    };
}

function clientRequest(inputs: Record<string, any>): Record<string, unknown> {
    const { name, generateSecret, explicitAuthFlows, readAttributes, writeAttributes, accessTokenValidity, idTokenValidity, refreshTokenValidity, tokenValidityUnits, preventUserExistenceErrors, enableTokenRevocation } = inputs;
    return Object.fromEntries(Object.entries({
        ClientName: name, GenerateSecret: generateSecret, ExplicitAuthFlows: explicitAuthFlows, ReadAttributes: readAttributes, WriteAttributes: writeAttributes,
        AccessTokenValidity: accessTokenValidity, IdTokenValidity: idTokenValidity, RefreshTokenValidity: refreshTokenValidity, TokenValidityUnits: apiShape(tokenValidityUnits),
        PreventUserExistenceErrors: preventUserExistenceErrors, EnableTokenRevocation: enableTokenRevocation,
        CallbackURLs: inputs.callbackUrls, LogoutURLs: inputs.logoutUrls, DefaultRedirectURI: inputs.defaultRedirectUri, AllowedOAuthFlows: inputs.allowedOauthFlows,
        AllowedOAuthScopes: inputs.allowedOauthScopes, AllowedOAuthFlowsUserPoolClient: inputs.allowedOauthFlowsUserPoolClient, SupportedIdentityProviders: inputs.supportedIdentityProviders,
    }).filter(([, v]) => v !== undefined));
}

/** AWS's units and defaults: access and ID tokens 1 hour, refresh tokens 30 days. */
const unitSeconds: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const seconds = (value: unknown, unit: unknown, fallback: number, fallbackUnit: string) => (value === undefined ? fallback : Number(value) * unitSeconds[String(unit ?? fallbackUnit)]);

function sandboxClient(inputs: Record<string, any>): SandboxClient {
    const units = inputs.tokenValidityUnits ?? {};
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
    return {
        name: inputs.name,
        explicitAuthFlows: list(inputs.explicitAuthFlows),
        request: clientRequest(inputs),
        generateSecret: inputs.generateSecret === true,
        callbackUrls: list(inputs.callbackUrls),
        logoutUrls: list(inputs.logoutUrls),
        oauthFlows: inputs.allowedOauthFlowsUserPoolClient === false ? [] : list(inputs.allowedOauthFlows),
        oauthScopes: list(inputs.allowedOauthScopes),
        identityProviders: list(inputs.supportedIdentityProviders),
        readAttributes: list(inputs.readAttributes),
        writeAttributes: list(inputs.writeAttributes),
        tokenRevocation: inputs.enableTokenRevocation !== false,
        refreshTokenRotation: { enabled: inputs.refreshTokenRotation?.feature === "ENABLED", gracePeriodSeconds: Number(inputs.refreshTokenRotation?.retryGracePeriodSeconds ?? 0) },
        validity: {
            accessSeconds: seconds(inputs.accessTokenValidity, units.accessToken, 3600, "hours"),
            idSeconds: seconds(inputs.idTokenValidity, units.idToken, 3600, "hours"),
            refreshSeconds: seconds(inputs.refreshTokenValidity, units.refreshToken, 30 * 86400, "days"),
        },
    };
}

/** A client the emulator keeps that the stack does not declare (another pool's, in a shared data folder), read as the stack's clients are. */
export function sandboxClientOfRecord(record: Record<string, any>): SandboxClient {
    const units = record.TokenValidityUnits ?? {};
    return sandboxClient({
        name: record.ClientName, explicitAuthFlows: record.ExplicitAuthFlows, generateSecret: Boolean(record.ClientSecret), callbackUrls: record.CallbackURLs, logoutUrls: record.LogoutURLs,
        allowedOauthFlows: record.AllowedOAuthFlows, allowedOauthScopes: record.AllowedOAuthScopes, allowedOauthFlowsUserPoolClient: record.AllowedOAuthFlowsUserPoolClient,
        supportedIdentityProviders: record.SupportedIdentityProviders, readAttributes: record.ReadAttributes, writeAttributes: record.WriteAttributes,
        enableTokenRevocation: record.EnableTokenRevocation, accessTokenValidity: record.AccessTokenValidity, idTokenValidity: record.IdTokenValidity, refreshTokenValidity: record.RefreshTokenValidity,
        tokenValidityUnits: { accessToken: units.AccessToken, idToken: units.IdToken, refreshToken: units.RefreshToken },
    });
}

const functionNameOfArn = (arn: string) => arn.split(":")[6];

function triggerFunctions(pool: PlannedResource, resources: readonly PlannedResource[]): LocalFunction[] {
    const lambdaConfig: Record<string, unknown> = pool.inputs.lambdaConfig ?? {};
    const functions = resources.filter((r) => r.type === awsTypes.lambdaFunction);
    return Object.entries(lambdaConfig)
        // Function ARNs of the triggers this project builds (not kmsKeyId or the token trigger's config block).
        .filter((entry): entry is [TriggerName, string] => typeof entry[1] === "string" && entry[0] in triggerDefinitions)
        .map(([trigger, arn]) => {
            const fn = functions.find((f) => f.inputs.name === functionNameOfArn(arn));
            if (!fn) throw new Error(`The pool's ${trigger} trigger names ${arn}, which is not a function of this stack`);
            const [, exportName] = String(fn.inputs.handler ?? "index.handler").split(".");
            return {
                trigger,
                name: fn.inputs.name,
                // The bundle the plan just built (bundles are kept per process): its file, not a second build.
                bundle: bundleTrigger(triggerDefinitions[trigger].folder).file,
                exportName,
                environment: unwrapSecrets(fn.inputs.environment?.variables ?? {}),
                timeoutSeconds: Number(fn.inputs.timeout ?? 3),
            };
        });
}

function hostedUiOf(resources: readonly PlannedResource[]): NonNullable<SandboxModel["hostedUi"]> {
    const look = resources.find((r) => r.type === awsTypes.uiCustomization)?.inputs ?? {};
    return {
        css: typeof look.css === "string" ? look.css : undefined,
        logoBase64: typeof look.imageFile === "string" ? look.imageFile : undefined,
        providers: resources.filter((r) => r.type === awsTypes.identityProvider).map((r) => String(r.inputs.providerName)),
    };
}

export function sandboxModel(plan: Plan): SandboxModel {
    const pool = plan.resources.find((r) => r.type === awsTypes.userPool);
    if (!pool) throw new Error(`The stack ${plan.stack} has no user pool`);
    const policy = pool.inputs.passwordPolicy ?? {};
    return {
        stack: plan.stack,
        region: plan.region,
        pool: poolRequest(unwrapSecrets(pool.inputs)),
        poolName: pool.inputs.name,
        passwordPolicy: {
            minimumLength: Number(policy.minimumLength ?? awsDefaultPasswordPolicy.minimumLength),
            requireLowercase: policy.requireLowercase ?? awsDefaultPasswordPolicy.requireLowercase,
            requireUppercase: policy.requireUppercase ?? awsDefaultPasswordPolicy.requireUppercase,
            requireNumbers: policy.requireNumbers ?? awsDefaultPasswordPolicy.requireNumbers,
            requireSymbols: policy.requireSymbols ?? awsDefaultPasswordPolicy.requireSymbols,
        },
        groups: plan.resources.filter((r) => r.type === awsTypes.group).map((g) => ({ name: g.inputs.name, description: g.inputs.description, precedence: g.inputs.precedence, roleArn: g.inputs.roleArn })),
        clients: plan.resources.filter((r) => r.type === awsTypes.client).map((c) => sandboxClient(unwrapSecrets(c.inputs))),
        functions: triggerFunctions(pool, plan.resources),
        tokenEventVersion: pool.inputs.lambdaConfig?.preTokenGenerationConfig?.lambdaVersion ?? "V1_0",
        hostedUi: plan.resources.some((r) => r.type === awsTypes.domain) ? hostedUiOf(plan.resources) : undefined,
        identityPool: identityPoolModel(plan.resources),
        outputs: (plan as { outputs?: Record<string, any> }).outputs ?? {},
    };
}
