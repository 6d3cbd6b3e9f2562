// `npm start -- <stack> --json`: the whole offline plan as one JSON document, for scripts and for
// review: every resource with all its inputs and options (secrets masked), the outputs, warnings,
// placeholders, the policy result and, with --base, the changes and what would lose the user pool.
import type { Plan } from "./harness/run-stack";
import type { PolicyReport } from "./policy/check";
import { masked, type ResourceDiff } from "./guard/plan-diff";
import { keySettingsOf, maskedOutputs } from "./print-plan";

export interface Comparison {
    readonly base: string;
    readonly commit: string;
    readonly diffs: readonly ResourceDiff[];
    readonly blockers: readonly string[];
    /** Changes that make the pool easier to lose later (protection removed), said but not stopped. */
    readonly cautions: readonly string[];
    readonly allowReplace: boolean;
    /** Without --base: the line that says what the plan compared with. */
    readonly said?: string;
}

/** `comparison`: the changes, or why there are none to show (no commit to compare with). */
export async function planDocument(plan: Plan, source: string, report: PolicyReport, comparison?: Comparison | string): Promise<Record<string, unknown>> {
    return {
        stack: plan.stack,
        stage: plan.stage,
        stageDefaults: plan.stageDefaults,
        source,
        note: "Offline plan under the Pulumi mock runtime: nothing was deployed or previewed against AWS; ids and ARNs are the mocks'.",
        placeholders: plan.placeholders.map((p) => p.key),
        warnings: plan.warnings,
        resources: plan.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            ...(r.parent && { parent: r.parent }),
            custom: r.custom,
            /** What the text plan shows of it (public values inside a secret input included, such as a provider's client id). */
            summary: keySettingsOf(r),
            inputs: masked(r.inputs),
            options: r.options,
        })),
        outputs: await maskedOutputs(plan),
        policy: {
            configFile: report.configFile,
            mandatory: report.mandatory,
            advisory: report.violations.length - report.mandatory,
            violations: report.violations.map((v) => ({ policy: v.policyName, level: v.enforcementLevel, urn: v.urn || undefined, message: v.message })),
        },
        ...(typeof comparison === "string" && { changesNotCompared: comparison }),
        ...(typeof comparison === "object" && {
            changes: {
                base: comparison.base,
                commit: comparison.commit,
                ...(comparison.said && { comparedBecause: comparison.said }),
                resources: comparison.diffs,
                userPoolBlockers: comparison.blockers,
                userPoolCautions: comparison.cautions,
                allowReplace: comparison.allowReplace,
            },
        }),
    };
}
