// Renders an offline plan for people: the resource tree with each resource's key settings, the
// stack outputs (secrets masked), the placeholders used, and how long the run took.
import * as pulumi from "@pulumi/pulumi";
import type { Plan, PlannedResource } from "./harness/run-stack";
import { awsTypes } from "../policy/rules/type-tokens";
import { standardAttributeNames } from "../config/schema";
import { unwrapSecrets } from "./harness/wire";

type Summary = (inputs: Record<string, any>) => Record<string, unknown>;

/** Sign-in as people will use it: "email as username", "username, alias email", "username". */
export function signInOf(inputs: Record<string, any>): string {
    const asUsername: string[] = inputs.usernameAttributes ?? [];
    const aliases: string[] = inputs.aliasAttributes ?? [];
    if (asUsername.length) return `${asUsername.join(" or ")} as username`;
    return ["username", ...aliases.map((a) => `alias ${a}`)].join(", ");
}

/** Custom attributes (the schema entries that are not standard), as name:type. */
function customAttributesOf(inputs: Record<string, any>): string[] | undefined {
    const custom = (inputs.schemas ?? []).filter((a: { name: string }) => !(standardAttributeNames as readonly string[]).includes(a.name));
    return custom.length ? custom.map((a: { name: string; attributeDataType: string }) => `${a.name}:${a.attributeDataType}`) : undefined;
}

/** A trigger's settings as its handler reads them: only what is set, compact. */
function triggerSettingsOf(inputs: Record<string, any>): string | undefined {
    const raw = unwrapSecrets(inputs.environment?.variables ?? {}).TRIGGER_SETTINGS;
    if (typeof raw !== "string") return undefined;
    const set = Object.entries(JSON.parse(raw) as Record<string, unknown>).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    return set.length ? JSON.stringify(Object.fromEntries(set)) : undefined;
}

/** The settings worth seeing at a glance, per resource type. */
const keySettings: Record<string, Summary> = {
    [awsTypes.userPool]: (i) => ({
        name: i.name,
        signIn: signInOf(i),
        customAttributes: customAttributesOf(i),
        mfa: i.mfaConfiguration,
        plan: i.userPoolTier,
        threatProtection: i.userPoolAddOns?.advancedSecurityMode,
        minPasswordLength: i.passwordPolicy?.minimumLength,
        email: i.emailConfiguration?.emailSendingAccount,
        deletionProtection: i.deletionProtection,
    }),
    [awsTypes.client]: (i) => ({
        flows: i.allowedOauthFlows,
        secret: i.generateSecret,
        scopes: i.allowedOauthScopes,
        callbacks: i.callbackUrls,
        authFlows: i.explicitAuthFlows,
        rotation: i.refreshTokenRotation?.feature,
    }),
    [awsTypes.domain]: (i) => ({ domain: i.domain, managedLoginVersion: i.managedLoginVersion }),
    // The details are secret as a whole (they hold the client secret); the client id is public (every sign-in redirect carries it).
    [awsTypes.identityProvider]: (i) => ({ type: i.providerType, clientId: unwrapSecrets(i.providerDetails)?.client_id }),
    [awsTypes.identityPool]: (i) => ({ guests: i.allowUnauthenticatedIdentities, classicFlow: i.allowClassicFlow }),
    [awsTypes.group]: (i) => ({ precedence: i.precedence, role: typeof i.roleArn === "string" ? i.roleArn.split("/").pop() : undefined }),
    [awsTypes.resourceServer]: (i) => ({ identifier: i.identifier, scopes: i.scopes?.map((s: any) => s.scopeName) }),
    [awsTypes.riskConfiguration]: (i) => ({ compromisedCredentials: i.compromisedCredentialsRiskConfiguration?.actions?.eventAction, highRisk: i.accountTakeoverRiskConfiguration?.actions?.highAction?.eventAction }),
    [awsTypes.certificate]: (i) => ({ domain: i.domainName, validation: i.validationMethod }),
    [awsTypes.lambdaFunction]: (i) => ({ runtime: i.runtime, arch: i.architectures, timeout: i.timeout, memory: i.memorySize, settings: triggerSettingsOf(i) }),
    [awsTypes.lambdaPermission]: (i) => ({ principal: i.principal, sourceArn: i.sourceArn }),
    [awsTypes.logGroup]: (i) => ({ name: i.name, retentionDays: i.retentionInDays }),
};

function inline(value: unknown): string {
    const text = Array.isArray(value) ? value.join(",") : String(value);
    // Quoted when it holds a space, so `a=x y b=z` cannot be misread (JSON is already delimited).
    return /\s/.test(text) && !text.startsWith("{") ? JSON.stringify(text) : text;
}

/** The settings worth seeing at a glance of one resource (unset ones left out). */
export function keySettingsOf(r: PlannedResource): Record<string, unknown> {
    return Object.fromEntries(Object.entries(keySettings[r.type]?.(r.inputs) ?? {}).filter(([, v]) => v !== undefined && v !== ""));
}

export function resourceLine(r: PlannedResource): string {
    const flags = [r.options.protect && "protect", r.options.retainOnDelete && "retainOnDelete", r.options.import && `import=${r.options.import}`, r.options.provider && `provider=${r.options.provider.split("::")[1]}`].filter(Boolean);
    const settings = Object.entries(keySettingsOf(r)).map(([k, v]) => `${k}=${inline(v)}`);
    return [`${r.type} ${r.name}`, flags.length ? `[${flags.join(", ")}]` : "", settings.join(" ")].filter(Boolean).join("  ");
}

export function resourceTree(resources: readonly PlannedResource[]): string[] {
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const r of resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const lines: string[] = [];
    const walk = (parent: string | undefined, indent: string) => {
        const kids = children.get(parent) ?? [];
        kids.forEach((r, i) => {
            const last = i === kids.length - 1;
            lines.push(parent === undefined ? resourceLine(r) : `${indent}${last ? "└─ " : "├─ "}${resourceLine(r)}`);
            walk(`${r.type}::${r.name}`, parent === undefined ? "" : `${indent}${last ? "   " : "│  "}`);
        });
    };
    walk(undefined, "");
    return lines;
}

async function isSecretOutput(value: unknown): Promise<boolean> {
    return pulumi.Output.isInstance(value) ? pulumi.isSecret(value) : false;
}

/** The stack outputs, each secret one as "[secret]". */
export async function maskedOutputs(plan: Plan): Promise<Record<string, unknown>> {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(plan.outputs)) shown[key] = (await isSecretOutput(plan.rawOutputs[key])) ? "[secret]" : value;
    return shown;
}

export async function outputLines(plan: Plan): Promise<string[]> {
    return Object.entries(await maskedOutputs(plan)).map(([key, value]) => `  ${key}: ${value === "[secret]" ? value : JSON.stringify(value, null, 2).replace(/\n/g, "\n    ")}`);
}

export async function renderPlan(plan: Plan, source: string): Promise<string> {
    const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    return [
        `Offline plan of stack "${plan.stack}" from ${source} (Pulumi mock runtime: nothing was deployed or previewed against AWS)`,
        ...(plan.placeholders.length
            ? ["", "Secrets not set here, replaced by marked placeholders:", ...plan.placeholders.map((p) => `  - ${p.key} (${p.purpose}): set it with \`pulumi config set --secret ${p.key} <value>\``)]
            : []),
        ...(plan.warnings.length ? ["", "Warnings (as `pulumi preview` shows them):", ...plan.warnings.map((w) => `  - ${w}`)] : []),
        "",
        `Resources: ${custom.length} AWS resources in ${plan.resources.length - custom.length} components and providers`,
        ...resourceTree(plan.resources).map((l) => `  ${l}`),
        "",
        "Outputs:",
        ...(await outputLines(plan)),
        "",
        `Planned in ${Math.round(plan.durationMs)} ms`,
    ].join("\n");
}
