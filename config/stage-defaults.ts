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

/** The user pool fields (paths under userPool) the stack file left out, which the stage defaults fill. */
export function stageFilledFields(pool: UserPoolSettings): string[] {
    return [
        ...(pool.mfa?.mode === undefined ? ["mfa.mode"] : []),
        ...(pool.deletionProtection === undefined ? ["deletionProtection"] : []),
        ...(pool.protect === undefined ? ["protect"] : []),
        ...(pool.retainOnDelete === undefined ? ["retainOnDelete"] : []),
        ...(pool.featurePlan === "PLUS" && pool.threatProtection?.mode === undefined ? ["threatProtection.mode"] : []),
    ];
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
