// Security defaults a stack turned down on purpose. Each is allowed (the stack file says so), and
// each is said out loud: as a warning of `pulumi preview` and `pulumi up`, and in the offline plan.
import { stageLabel, type StackConfig } from "../config";
import { appClientDefaults, minutesPerDay, verificationFlags } from "./app-clients/settings";
import { identityPoolWeakenings } from "./identity-pool/settings";
import { identityProviderName, identityProviderWeakenings } from "./identity-providers/settings";
import type { ResolvedStack } from "./preflight";
import { migrationWeakenings, migrationWithoutEffect } from "./triggers/migration";
import { defaultGroupRisk, groupsOfPower, protectedGroups, stackMigrationPool } from "./triggers/settings";
import { userPoolDefaults } from "./user-pool/settings";

/** Every weakening of the stack, one line each under its config key. */
export function securityWeakenings(stack: ResolvedStack, namespace: string): string[] {
    const { config, pool, clients } = stack;
    const key = (path: string) => `${namespace}:${path}`;
    const found: string[] = [];
    // Prod's strictness, whatever the stage is called: the defaults these settings turn down are the
    // ones prod's stage defaults set (config/stage-defaults.ts), on prod or on a stage that takes them.
    const prod = config.stageDefaults === "prod";
    const inProd = `in ${stageLabel(config)}`;

    found.push(...stageDefaultsWeakenings(config, key));
    const minLength = userPoolDefaults.passwordPolicy.minimumLength;
    if (pool.passwordPolicy.minimumLength < minLength) found.push(`${key("userPool.passwordPolicy.minimumLength")} is ${pool.passwordPolicy.minimumLength}, below ${minLength} (NIST SP 800-63B rev 4)`);
    if (pool.mfa.mode === "OFF") found.push(`${key("userPool.mfa.mode")} is OFF: no user can add a second factor`);
    if (prod && pool.mfa.mode === "OPTIONAL") found.push(`${key("userPool.mfa.mode")} is OPTIONAL ${inProd}, where the default is ON`);
    if (prod && pool.deletionProtection === "INACTIVE") found.push(`${key("userPool.deletionProtection")} is INACTIVE ${inProd}: the pool and every user in it can be deleted`);
    if (prod && !pool.protect) found.push(`${key("userPool.protect")} is false ${inProd}: Pulumi may delete or replace the pool`);
    if (prod && !pool.retainOnDelete) found.push(`${key("userPool.retainOnDelete")} is false ${inProd}: \`pulumi destroy\` deletes the pool`);
    if (prod && pool.email.sender === "cognito") found.push(`${key("userPool.email.sender")} is "cognito" ${inProd}: Cognito's sender is capped at a few emails a day`);
    if (pool.featurePlan === "PLUS" && pool.threatProtection.mode !== "ENFORCED" && prod) found.push(`${key("userPool.threatProtection.mode")} is ${pool.threatProtection.mode} ${inProd} on the Plus plan, where it could block risky sign-ins`);

    (config.clients ?? []).forEach((settings, i) => {
        const client = clients[i];
        const at = (field: string) => key(`clients[${i}].${field}`);
        for (const flow of ["password", "admin_password"] as const) {
            if (client.authFlows.includes(flow)) found.push(`${at("authFlows")} includes "${flow}": the password itself is sent instead of an SRP proof`);
        }
        if (client.allowImplicitGrant) found.push(`${at("allowImplicitGrant")} is true: tokens travel in the URL`);
        const flags = verificationFlags.filter((flag) => client.writeAttributes.includes(flag));
        if (client.kind !== "server" && flags.length) found.push(`${at("writeAttributes")} includes ${flags.map((f) => JSON.stringify(f)).join(", ")}: users of this client can mark an address or number they never proved as verified`);
        if (settings.refreshTokenRotation === false && pool.featurePlan !== "LITE") found.push(`${at("refreshTokenRotation")} is false: a stolen refresh token stays valid until it expires`);
        const d = appClientDefaults.tokenValidity;
        for (const field of ["accessMinutes", "idMinutes"] as const) {
            if (client.tokenValidity[field] > d[field]) found.push(`${at(`tokenValidity.${field}`)} is ${client.tokenValidity[field]}, above the default ${d[field]}`);
        }
        if (client.tokenValidity.refreshMinutes > d.refreshDays * minutesPerDay) {
            const inMinutes = settings.tokenValidity?.refreshMinutes !== undefined;
            found.push(`${at(`tokenValidity.${inMinutes ? "refreshMinutes" : "refreshDays"}`)} is ${inMinutes ? client.tokenValidity.refreshMinutes : client.tokenValidity.refreshMinutes / minutesPerDay}, above the default ${inMinutes ? `${d.refreshDays * minutesPerDay} (${d.refreshDays} days)` : d.refreshDays}`);
        }
    });

    for (const w of identityProviderWeakenings(config.identityProviders)) found.push(`${key(`identityProviders${w.field}`)} ${w.message}`);
    found.push(...linkingWeakenings(config, key));
    // Refused on prod's defaults (preflight.ts); said here where it is allowed.
    const defaultGroupRisky = prod ? undefined : defaultGroupRisk(config.triggers, { providers: [], groups: config.userPool?.groups ?? [] });
    for (const w of migrationWeakenings(config.triggers?.userMigration, stackMigrationPool(config, { groups: config.userPool?.groups ?? [], customAttributes: pool.customAttributes }))) found.push(`${key(`triggers.userMigration.${w.field}`)} ${w.message}`);
    if (defaultGroupRisky) found.push(`${key("triggers.postConfirmation.defaultGroup")} is ${JSON.stringify(config.triggers!.postConfirmation!.defaultGroup)}, which ${defaultGroupRisky}: every self sign-up and every federated user's first sign-in joins it`);
    if (config.identityPool?.allowGuests) found.push(`${key("identityPool.allowGuests")} is true: signed-out visitors get AWS credentials`);
    if (config.identityPool) for (const w of identityPoolWeakenings(config.identityPool)) found.push(`${key(`identityPool.${w.field}`)} ${w.message}`);
    return found;
}

/** A stage other than dev that takes dev's defaults: every default and rule dev relaxes is relaxed there. */
function stageDefaultsWeakenings(config: StackConfig, key: (path: string) => string): string[] {
    if (config.stageDefaults !== "dev" || config.stage === "dev") return [];
    return [`${key("stageDefaults")} is "dev" in stage ${JSON.stringify(config.stage)}, where the default is "prod": dev's defaults fill what the stack file leaves out (MFA optional, no deletion protection, the pool neither protected nor retained), dev's rules apply (auto-confirmed sign-ups allowed), and so does dev's policy config unless policy/config/${config.stage}.json exists`];
}

/** Account linking: each opt-in, and protected groups narrower than the default, said out loud. */
function linkingWeakenings(config: StackConfig, key: (path: string) => string): string[] {
    const found: string[] = [];
    const triggers = config.triggers ?? {};
    const linking = (config.identityProviders ?? []).map((idp, i) => ({ name: identityProviderName(idp), i, on: idp.linkToExistingUsers === true })).filter((p) => p.on);
    if (!triggers.preSignUp || linking.length === 0) return found;
    const pool = { providers: [], groups: config.userPool?.groups ?? [] };
    const guarded = protectedGroups(triggers, pool);
    for (const { name, i } of linking) {
        found.push(`${key(`identityProviders[${i}].linkToExistingUsers`)} is true: a ${JSON.stringify(name)} sign-up with the verified address of a native user joins that account, entering it without its password or MFA (never for members of ${guarded.length ? guarded.map((g) => JSON.stringify(g)).join(", ") : "any group: none is protected"})`);
    }
    const dropped = groupsOfPower(triggers, pool).filter((g) => !guarded.includes(g));
    if (dropped.length) found.push(`${key("triggers.preSignUp.protectedGroups")} leaves out ${dropped.map((g) => JSON.stringify(g)).join(", ")}, protected by default: their members can be linked to a federated identity`);
    return found;
}

/** Settings that are valid but do nothing in this stack: said, so nobody relies on them. */
export function settingsWithoutEffect(config: StackConfig, namespace: string): string[] {
    const found: string[] = [];
    const tokenMapping = config.identityPool?.roleMapping?.type === "token";
    (config.userPool?.groups ?? []).forEach((group, i) => {
        if (group.roleArn !== undefined && !tokenMapping) {
            found.push(`${namespace}:userPool.groups[${i}].roleArn is never used: group roles reach users only through identityPool.roleMapping { type: token }`);
        }
    });
    if (!config.triggers?.preSignUp) {
        (config.identityProviders ?? []).forEach((idp, i) => {
            if (idp.linkToExistingUsers) found.push(`${namespace}:identityProviders[${i}].linkToExistingUsers is never used: accounts are linked by the pre sign-up trigger, and triggers.preSignUp is not set`);
        });
    }
    if ((config.identityProviders ?? []).length > 0 && !config.domain) {
        found.push(`${namespace}:identityProviders has no effect: federated sign-in goes through the hosted sign-in domain, and ${namespace}:domain is not set`);
    }
    const migration = migrationWithoutEffect(config.triggers?.userMigration, stackMigrationPool(config, { groups: config.userPool?.groups ?? [], customAttributes: config.userPool?.customAttributes }));
    if (migration) found.push(`${namespace}:triggers.userMigration.followGroups: ${migration}`);
    const signInClients = new Set(config.identityPool?.clients ?? []);
    if (config.identityPool?.clients) {
        for (const client of (config.clients ?? []).filter((c) => c.kind !== "server" && !signInClients.has(c.name))) {
            found.push(`${namespace}:clients "${client.name}" gets no AWS credentials: it is not in ${namespace}:identityPool.clients (${[...signInClients].join(", ")})`);
        }
    }
    return found;
}

/**
 * A stack that names the stage dev without being the dev stack (a copy of Pulumi.dev.yaml keeps
 * `stage: dev`) gets dev's defaults and policy config: said, since nothing else in the file says it.
 */
export function borrowedStage(config: StackConfig, stackName: string, namespace: string): string[] {
    if (config.stage !== "dev" || stackName === "dev") return [];
    return [`${namespace}:stage is "dev" in stack "${stackName}": it takes dev's defaults (MFA optional, no deletion protection, the pool neither protected nor retained) and dev's policy config; remove the key to make the stage "${stackName}" with prod's defaults, or keep it on purpose`];
}
