// What every rule file shares: resource type tokens, typed views of the properties rules read,
// config with schema defaults, and a type filter. Rules match type tokens rather than importing
// @pulumi/aws, so the pack starts fast.
import type { PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

import { awsTypes } from "./type-tokens";

export const types = awsTypes;

export interface UserPoolProps {
    id?: string;
    arn?: string;
    passwordPolicy?: { minimumLength?: number; temporaryPasswordValidityDays?: number; requireLowercase?: boolean; requireUppercase?: boolean; requireNumbers?: boolean; requireSymbols?: boolean };
    mfaConfiguration?: string;
    softwareTokenMfaConfiguration?: { enabled?: boolean };
    smsConfiguration?: { snsCallerArn?: string };
    emailMfaConfiguration?: { message?: string; subject?: string };
    userPoolTier?: string;
    userPoolAddOns?: { advancedSecurityMode?: string };
    signInPolicy?: { allowedFirstAuthFactors?: string[] };
    webAuthnConfiguration?: { relyingPartyId?: string };
    emailConfiguration?: { emailSendingAccount?: string };
    deletionProtection?: string;
    lambdaConfig?: Record<string, unknown> & { preTokenGenerationConfig?: { lambdaArn?: string } };
}

export interface ClientProps {
    name?: string;
    generateSecret?: boolean;
    allowedOauthFlows?: string[];
    explicitAuthFlows?: string[];
    callbackUrls?: string[];
    logoutUrls?: string[];
    preventUserExistenceErrors?: string;
    enableTokenRevocation?: boolean;
    accessTokenValidity?: number;
    idTokenValidity?: number;
    refreshTokenValidity?: number;
    tokenValidityUnits?: { accessToken?: string; idToken?: string; refreshToken?: string };
}

export interface IdentityPoolProps {
    id?: string;
    allowUnauthenticatedIdentities?: boolean;
    allowClassicFlow?: boolean;
}

/** A rule's settings: what the stage's config file says over the schema's defaults. */
export function settingsOf<T extends object>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
    const defaults = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, (v as { default?: unknown }).default]));
    return { ...defaults, ...args.getConfig<object>() } as T;
}

/** A resource validation that only looks at one resource type. */
export function forType<P>(type: string, validate: (props: P, args: ResourceValidationArgs, report: ReportViolation) => void): ResourceValidationPolicy["validateResource"] {
    return (args, report) => {
        if (args.type === type) validate(args.props as P, args, report);
    };
}

export function resourcesOf(args: { resources: PolicyResource[] }, type: string) {
    return args.resources.filter((r) => r.type === type);
}

/** IAM documents arrive as JSON strings (or, from some programs, as objects). */
export function policyDocument(value: unknown): { Statement?: unknown } {
    if (typeof value === "string") return JSON.parse(value);
    return (value ?? {}) as { Statement?: unknown };
}

export function asList<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
