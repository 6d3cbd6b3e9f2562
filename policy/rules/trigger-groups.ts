// Which groups a pool's triggers hand out, read from the settings each function is deployed with
// (TRIGGER_SETTINGS): the group every new account joins, and the groups kept away from accounts a
// provider's sign-in was linked into. The component checks the same before it registers anything;
// the pack judges what a transform or another program leaves in the functions.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { onAwsShapes } from "./native-shapes";
import { functionFor, requiredGroupsOf, shownFunction, tokenTriggerOf, triggerSettingsOf, wiredTriggers } from "./triggers";
import { num, poolIdOf, resourcesOf, resourcesOfTypes, strings, text, types, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

/** Precedence 0 marks the groups that carry power (the component's default for protected groups). */
const powerPrecedence = 0;

interface Group {
    readonly name: string;
    readonly precedence?: number;
    readonly roleArn?: string;
}

/**
 * The pool's groups in the stack, and whether they are surely its own. With its id unknown (a first
 * preview) every group of the stack: with one pool they are its own; with several, a group is only
 * known by its name, and may be another pool's.
 */
function groupsOf(resources: PolicyResource[], pool: Props, pools: number): { groups: Group[]; own: boolean } {
    const poolId = poolIdOf(pool);
    const groups = resourcesOf({ resources }, types.group)
        .filter((g) => poolId === undefined || text(g.props.userPoolId) === poolId)
        .flatMap((g) => { const name = text(g.props.name); return name === undefined ? [] : [{ name, precedence: num(g.props.precedence), roleArn: text(g.props.roleArn) }]; });
    return { groups, own: poolId !== undefined || pools === 1 };
}

/** The function a pool's lambdaConfig names under `key`, with its settings; undefined when none is wired or it is outside the stack. */
function wiredFunction(resources: PolicyResource[], pool: Props, key: string): { fn: PolicyResource; settings: Props } | undefined {
    const arn = key === "preTokenGeneration" ? tokenTriggerOf(pool) : wiredTriggers(pool).find((w) => w.key === key)?.arn;
    const fn = arn === undefined ? undefined : functionFor(resources, arn);
    const settings = fn === undefined ? undefined : triggerSettingsOf(fn);
    return fn === undefined || settings === undefined ? undefined : { fn, settings };
}

const listed = (names: string[]) => names.join(", ");

/** What makes a group carry power for this pool: precedence 0, a gated client admitting it. */
function powers(resources: PolicyResource[], pool: Props, groups: Group[]): Map<string, string> {
    const why = new Map<string, string>();
    for (const g of groups) if (g.precedence === powerPrecedence) why.set(g.name, "has precedence 0, which marks the groups that carry power");
    for (const { arn } of wiredTriggers(pool)) {
        const fn = functionFor(resources, arn);
        if (fn === undefined) continue;
        for (const [client, admitted] of requiredGroupsOf(fn)) for (const group of admitted) if (!why.has(group)) why.set(group, `is admitted to the gated client ${client}`);
    }
    return why;
}

export const triggerGroups: StackValidationPolicy = {
    name: "cognito-trigger-groups",
    description: "The groups a pool's triggers hand out must not carry power: the group post confirmation puts every new account in (every self sign-up and every federated first sign-in) must not have precedence 0, be admitted to a gated client, be protected or carry an IAM role; while pre sign-up links accounts, every group of precedence 0 or admitted to a gated client must be protected from linking, and pre token generation must refuse linked members of the protected groups.",
    remediationSteps: "Set triggers.postConfirmation.defaultGroup to an ordinary group (readers); leave triggers.preSignUp.protectedGroups unset (every group of precedence 0 and every gated group) or list all of them; keep this project's pre token generation function, which refuses linked members of the protected groups.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        const pools = resourcesOfTypes(args, userPoolTypes);
        for (const pool of pools) {
            const props = pool.props as Props;
            const { groups, own } = groupsOf(args.resources, props, pools.length);
            // Groups of uncertain pool are judged by name for the default group (erring towards a finding), never as groups to protect.
            const power = powers(args.resources, props, own ? groups : []);
            const powerByName = own ? power : powers(args.resources, props, groups);
            const signUp = wiredFunction(args.resources, props, "preSignUp");
            const protectedGroups = strings(signUp?.settings.protectedGroups);

            const confirmation = wiredFunction(args.resources, props, "postConfirmation");
            const defaultGroup = text(confirmation?.settings.defaultGroup);
            if (confirmation !== undefined && defaultGroup !== undefined) {
                const group = groups.find((g) => g.name === defaultGroup);
                const reason = powerByName.get(defaultGroup)
                    ?? (protectedGroups.includes(defaultGroup) ? "is protected from linking (pre sign-up's protectedGroups)"
                    : group === undefined ? "is not a group of this stack's pool, so its precedence and role cannot be judged (and Cognito adds nobody to a group that does not exist)"
                    : group.roleArn !== undefined ? `carries the IAM role ${group.roleArn}, which an identity pool's token role mapping hands to its members` : undefined);
                if (reason !== undefined) report(`The user pool ${pool.name}'s post confirmation function ${shownFunction(confirmation.fn)} puts every new account in the group ${defaultGroup}, which ${reason}: anyone who signs up, or signs in with a provider for the first time, gets its rights.`, pool.urn);
            }

            const linking = strings(signUp?.settings.linkingProviders);
            if (signUp === undefined || linking.length === 0) continue;
            const unprotected = [...power].filter(([group]) => !protectedGroups.includes(group));
            if (unprotected.length > 0) report(`The user pool ${pool.name}'s pre sign-up function ${shownFunction(signUp.fn)} links accounts for ${listed(linking)} but does not protect ${unprotected.map(([group, why]) => `${group} (which ${why})`).join(", ")}: a provider's sign-in linked into a member's account gets the member's rights.`, pool.urn);
            if (protectedGroups.length === 0) continue;
            const token = wiredFunction(args.resources, props, "preTokenGeneration");
            const refused = strings(token?.settings.protectedGroups);
            const missing = protectedGroups.filter((g) => !refused.includes(g));
            const refuser = token === undefined ? "has no pre token generation function of this stack to refuse" : `its pre token generation function ${shownFunction(token.fn)} does not refuse`;
            if (missing.length > 0) report(`The user pool ${pool.name} links accounts for ${listed(linking)}, but ${refuser} linked members of ${listed(missing)}: an account linked before its owner joined such a group gets that group's tokens.`, pool.urn);
        }
    }),
};
