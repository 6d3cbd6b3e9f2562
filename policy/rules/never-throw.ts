// A rule that throws fails the whole `pulumi preview`, and a pack runs over code its authors never
// saw. Every rule is wrapped: what it cannot read becomes a violation saying so, at the rule's
// level, instead of a crash. A value a preview cannot know yet is left to the policy server, which
// reports it as "can't run during preview".
import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

type Policy = ResourceValidationPolicy | StackValidationPolicy;

function isUnknownValue(error: unknown): boolean {
    return error instanceof Error && error.constructor.name === "UnknownValueError";
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 200);

/** The same rule, reporting instead of throwing. */
export function neverThrowing<P extends Policy>(policy: P): P {
    if ("validateResource" in policy && policy.validateResource) {
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        return {
            ...policy,
            validateResource: validations.map((validate) => async (args: Parameters<typeof validate>[0], report: ReportViolation) => {
                try {
                    await validate(args, report);
                } catch (error) {
                    if (isUnknownValue(error)) throw error;
                    report(`Could not read ${args.type} ${args.name}: ${reason(error)}. The rule could not judge it; check its properties by hand.`);
                }
            }),
        };
    }
    if ("validateStack" in policy) {
        const validate = policy.validateStack;
        return {
            ...policy,
            validateStack: async (args, report) => {
                try {
                    await validate(args, report);
                } catch (error) {
                    if (isUnknownValue(error)) throw error;
                    report(`Could not read the stack's resources: ${reason(error)}. The rule could not judge them; check them by hand.`);
                }
            },
        };
    }
    return policy;
}
