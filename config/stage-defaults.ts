// What differs between the two sets of stage defaults when the stack file does not say. A stage takes
// one of them (cognito:stageDefaults: "dev" for the stage named dev, "prod" for every other). Prod is
// stricter: the pool can neither be deleted nor replaced by accident, and every user needs a second
// factor.
import type { StageDefaultsName, UserPoolSettings } from "./schema";

interface StageDefaults {
    readonly mfaMode: "OPTIONAL" | "ON";
    readonly deletionProtection: "ACTIVE" | "INACTIVE";
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** Threat protection mode when the stack is on the Plus plan (it is not offered below it). */
    readonly threatProtectionOnPlus: "AUDIT" | "ENFORCED";
}

export const stageDefaults: Readonly<Record<StageDefaultsName, StageDefaults>> = {
    dev: { mfaMode: "OPTIONAL", deletionProtection: "INACTIVE", protect: false, retainOnDelete: false, threatProtectionOnPlus: "AUDIT" },
    prod: { mfaMode: "ON", deletionProtection: "ACTIVE", protect: true, retainOnDelete: true, threatProtectionOnPlus: "ENFORCED" },
};

/** The stage defaults a stage takes when its stack file does not choose: dev's for the stage named dev only, so any new stage starts strict. */
export function defaultStageDefaults(stage: string): StageDefaultsName {
    return stage === "dev" ? "dev" : "prod";
}

/**
 * The user pool fields (paths under userPool: "mfa.mode") the stage defaults filled, read off what
 * applyStageDefaults did, so the two never disagree: set there, left out of the stack file.
 */
export function stageFilledFields(given: UserPoolSettings, filled: UserPoolSettings): string[] {
    const paths = (before: unknown, after: unknown, at: string): string[] =>
        after !== null && typeof after === "object" && !Array.isArray(after)
            ? Object.entries(after).flatMap(([key, value]) => paths((before as Record<string, unknown> | undefined)?.[key], value, at ? `${at}.${key}` : key))
            : before === undefined && after !== undefined ? [at] : [];
    return paths(given, filled, "");
}

/** Fills the stage-dependent fields of the user pool the stack file left out; explicit values always win. */
export function applyStageDefaults(pool: UserPoolSettings, defaults: StageDefaultsName): UserPoolSettings {
    const stage = stageDefaults[defaults];
    const onPlus = pool.featurePlan === "PLUS";
    return {
        ...pool,
        mfa: { ...pool.mfa, mode: pool.mfa?.mode ?? stage.mfaMode },
        deletionProtection: pool.deletionProtection ?? stage.deletionProtection,
        protect: pool.protect ?? stage.protect,
        retainOnDelete: pool.retainOnDelete ?? stage.retainOnDelete,
        threatProtection: onPlus
            ? { ...pool.threatProtection, mode: pool.threatProtection?.mode ?? stage.threatProtectionOnPlus }
            : pool.threatProtection,
    };
}
