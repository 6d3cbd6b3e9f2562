// What differs between stages when the stack file does not say. Prod is stricter: the pool can
// neither be deleted nor replaced by accident, and every user needs a second factor.
import type { Stage, StackSettings, UserPoolSettings } from "./schema";

interface StageDefaults {
    readonly mfaMode: "OPTIONAL" | "ON";
    readonly deletionProtection: "ACTIVE" | "INACTIVE";
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** Threat protection mode when the stack is on the Plus plan (it is not offered below it). */
    readonly threatProtectionOnPlus: "AUDIT" | "ENFORCED";
}

export const stageDefaults: Readonly<Record<Stage, StageDefaults>> = {
    dev: { mfaMode: "OPTIONAL", deletionProtection: "INACTIVE", protect: false, retainOnDelete: false, threatProtectionOnPlus: "AUDIT" },
    prod: { mfaMode: "ON", deletionProtection: "ACTIVE", protect: true, retainOnDelete: true, threatProtectionOnPlus: "ENFORCED" },
};

/** Fills the stage-dependent fields the stack file left out; explicit values always win. */
export function applyStageDefaults(settings: StackSettings): StackSettings {
    const stage = stageDefaults[settings.stage];
    const pool: UserPoolSettings = settings.userPool ?? {};
    const onPlus = pool.featurePlan === "PLUS";
    return {
        ...settings,
        userPool: {
            ...pool,
            mfa: { ...pool.mfa, mode: pool.mfa?.mode ?? stage.mfaMode },
            deletionProtection: pool.deletionProtection ?? stage.deletionProtection,
            protect: pool.protect ?? stage.protect,
            retainOnDelete: pool.retainOnDelete ?? stage.retainOnDelete,
            threatProtection: onPlus
                ? { ...pool.threatProtection, mode: pool.threatProtection?.mode ?? stage.threatProtectionOnPlus }
                : pool.threatProtection,
        },
    };
}
