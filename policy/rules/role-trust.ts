// Who may assume the roles Cognito hands out or acts as. A role an identity pool hands out must trust
// cognito-identity.amazonaws.com for that pool (aud) and its slot (amr). Any other role of the stack
// that trusts a Cognito service is judged wherever it is used (a group's role, a role passed by ARN,
// one attached nowhere yet): trusting cognito-identity without aud lets any identity pool in any
// account hand it out; trusting cognito-idp (SMS, email) without sts:ExternalId and
// aws:SourceAccount/aws:SourceArn lets another account's user pool act as it (a confused deputy).
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { iamMatch, parseDocument, type Statement as GrantStatement } from "./grants";
import { findRole, mappedAndGroupRoles, rolesInUse, type Slot } from "./identity-roles";
import { onAwsShapes } from "./native-shapes";
import { pinned } from "./reach";
import { accountOf, asList, obj, resourcesOf, text, types } from "./support";

const conditionValue = (value: unknown) => asList(value as string | string[]);

const audKey = "cognito-identity.amazonaws.com:aud";
const amrKey = "cognito-identity.amazonaws.com:amr";
/** The operators that test amr (a list: "authenticated" plus the provider entries) as intended. */
const amrOperators = ["foranyvalue:stringlike", "foranyvalue:stringequals"];

/** Why a role's trust statements are wrong for one of these pools and the slot, one line per problem. */
function trustProblems(trust: GrantStatement[], poolIds: string[], slot: Slot): string[] {
    const problems: string[] = [];
    const statements = trust.filter((s) => s.Effect === "Allow");
    for (const s of statements) {
        const principal = s.Principal as { Federated?: string | string[] } | string | undefined;
        const federated = typeof principal === "object" && principal !== null ? asList(principal.Federated) : [];
        if (federated.length !== 1 || federated[0] !== "cognito-identity.amazonaws.com" || Object.keys(principal as object).length !== 1) {
            problems.push(`trusts ${JSON.stringify(principal)}, not cognito-identity.amazonaws.com alone`);
            continue;
        }
        const aud = conditionValue(obj(s.Condition?.StringEquals)?.["cognito-identity.amazonaws.com:aud"]);
        if (aud.length !== 1 || !poolIds.includes(aud[0])) problems.push(`does not require aud = ${poolIds.join(" or ")} (has ${JSON.stringify(aud)})`);
        // amr wherever it is, under whichever operator: a wrong operator is named, not reported as "missing".
        const amr = Object.entries(obj(s.Condition) ?? {}).flatMap(([operator, block]) =>
            Object.entries(obj(block) ?? {}).filter(([key]) => key.toLowerCase() === amrKey).map(([, value]) => ({ operator, values: conditionValue(value) })));
        const right = amr.filter((a) => amrOperators.includes(a.operator.toLowerCase()));
        for (const wrong of amr.filter((a) => !right.includes(a))) {
            problems.push(`tests amr with ${wrong.operator} ${JSON.stringify(wrong.values)}, which does not test it as intended (amr is a list of values): require ForAnyValue:StringLike ${amrKey} = ${slot}`);
        }
        const values = right.flatMap((a) => a.values);
        if ((right.length > 0 || amr.length === 0) && (values.length !== 1 || values[0] !== slot)) problems.push(`does not require amr = ${slot} (has ${JSON.stringify(values)})`);
    }
    if (statements.length === 0) problems.push("has no Allow statement");
    return problems;
}

/** trustProblems of a role's trust policy; a policy that cannot be read (not JSON, odd shapes) is one problem that says so. */
function roleTrustProblems(role: PolicyResource, poolIds: string[], slot: Slot): string[] {
    const trust = parseDocument(role.props.assumeRolePolicy);
    if ("unreadable" in trust) return [`has a trust policy that cannot be read (${trust.unreadable}); check it by hand`];
    return trustProblems(trust.statements, poolIds, slot);
}

/**
 * Operators that require the key to be present and to match: a negation (StringNotEquals), an
 * ...IfExists (true when the key is absent) or a set operator (ForAllValues is true for an absent
 * key) requires nothing of a caller who leaves the key out or sends another value.
 */
const requiringOperators = ["stringequals", "stringlike", "arnequals", "arnlike"];

/** Every value a statement's conditions require this key to match (operators and keys compared without case). */
function conditionValues(statement: GrantStatement, key: string): string[] {
    return Object.entries(statement.Condition ?? {}).filter(([operator]) => requiringOperators.includes(operator.toLowerCase())).flatMap(([, block]) =>
        Object.entries(obj(block) ?? {}).filter(([k]) => k.toLowerCase() === key.toLowerCase()).flatMap(([, v]) => conditionValue(v).filter((x): x is string => typeof x === "string")));
}

/**
 * Whether an identity pool's users could assume a role through these trust statements: an Allow of
 * cognito-identity.amazonaws.com whose aud is unset, or matches the pool's id (wildcards as IAM reads them).
 */
export function trustsIdentityPool(statements: GrantStatement[], poolId: string): boolean {
    return statements.filter((s) => s.Effect === "Allow" && principals(s, "Federated").some((p) => p === "*" || p.toLowerCase() === "cognito-identity.amazonaws.com")).some((s) => {
        const audiences = conditionValues(s, audKey);
        return audiences.length === 0 || audiences.some((aud) => iamMatch(aud, poolId));
    });
}

/** The principals of one kind a statement names ("Federated", "Service"), "*" counting as any. */
function principals(statement: GrantStatement, kind: "Federated" | "Service"): string[] {
    const principal = statement.Principal;
    if (principal === "*") return ["*"];
    const named = obj(principal)?.[kind];
    return conditionValue(named).filter((p): p is string => typeof p === "string");
}

/** An account id, or an ARN whose account part is one (aws:SourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/*). */
/** Whether every value names one account (the role's own, when its ARN is known) by id or in an ARN. */
const namesAccount = (values: string[], own: string | undefined) => values.length > 0 && values.every((v) => {
    const named = /^\d{12}$/.test(v.trim()) ? v.trim() : accountOf(v.trim());
    return named !== undefined && (own === undefined || named === own);
});

/**
 * What is wrong with a role's trust of a Cognito service, wherever the role is used: one line per
 * statement that trusts cognito-identity.amazonaws.com without a fixed aud, or cognito-idp.amazonaws.com
 * without sts:ExternalId and a source account or ARN.
 */
function serviceTrustProblems(statements: GrantStatement[], ownAccount?: string): string[] {
    const problems: string[] = [];
    for (const s of statements.filter((st) => st.Effect === "Allow")) {
        if (principals(s, "Federated").some((p) => p.toLowerCase() === "cognito-identity.amazonaws.com") && !pinned(conditionValues(s, audKey))) {
            problems.push(`trusts cognito-identity.amazonaws.com without requiring ${audKey} to be one identity pool's id, so the users of any identity pool, in any account, can assume it`);
        }
        if (principals(s, "Service").some((p) => p.toLowerCase() === "cognito-idp.amazonaws.com")) {
            const missing = [
                ...(pinned(conditionValues(s, "sts:ExternalId")) ? [] : ["sts:ExternalId"]),
                ...(namesAccount([...conditionValues(s, "aws:SourceAccount"), ...conditionValues(s, "aws:SourceArn")], ownAccount) ? [] : ["aws:SourceAccount or aws:SourceArn naming this account"]),
            ];
            if (missing.length > 0) problems.push(`trusts cognito-idp.amazonaws.com without requiring ${missing.join(" and ")}, so another account's user pool can make Cognito act as it (a confused deputy)`);
        }
    }
    return problems;
}

export const roleTrust: StackValidationPolicy = {
    name: "cognito-role-trust",
    description: "Every role an identity pool hands out (authenticated, guest, rule-mapped, group roles) must trust cognito-identity.amazonaws.com only, for that pool (aud) and its own slot (amr): the signed-in roles never accept unauthenticated identities. Any role that trusts a Cognito service, wherever it is used, must name who may use it: cognito-identity with an aud, cognito-idp (SMS, email) with sts:ExternalId and aws:SourceAccount or aws:SourceArn.",
    remediationSteps: "Give the role a trust policy with StringEquals cognito-identity.amazonaws.com:aud = <pool id> and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated (or unauthenticated for the guest role); a role Cognito user pools assume needs StringEquals sts:ExternalId and aws:SourceAccount (and ArnLike aws:SourceArn) for your account.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        const uses = rolesInUse(args.resources);
        for (const use of uses) {
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // cognito-role-outside-stack says so, as advice: nothing is known to be wrong

            for (const problem of roleTrustProblems(role, [use.poolId], use.slot)) {
                report(`The ${use.slot} role ${role.name} ${problem}.`, role.urn);
            }
        }
        // Rule-mapped and group roles need the same trust as the authenticated role; one already checked as such is not checked again.
        const checked = new Set(uses.filter((u) => u.slot === "authenticated").map((u) => `${u.poolId} ${u.roleArn}`));
        const mapped = mappedAndGroupRoles(args.resources);
        for (const use of mapped) {
            const key = use.poolIds.map((p) => `${p} ${use.roleArn}`);
            if (key.every((k) => checked.has(k))) continue;
            key.forEach((k) => checked.add(k));
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // see cognito-role-outside-stack

            for (const problem of roleTrustProblems(role, use.poolIds, "authenticated")) {
                report(`The ${use.label} role ${role.name} ${problem}.`, role.urn);
            }
        }
        // Every other role of the stack that trusts a Cognito service; the roles judged above already had their aud checked.
        const judged = new Set([...uses.map((u) => u.roleArn), ...mapped.map((u) => u.roleArn)].map((arn) => findRole(args.resources, arn)));
        for (const role of resourcesOf(args, types.role)) {
            const trust = parseDocument(role.props.assumeRolePolicy);
            if ("unreadable" in trust) continue; // a role no identity pool hands out: its trust is not this rule's to read
            const problems = serviceTrustProblems(trust.statements, accountOf(text(role.props.arn))).filter((p) => !(judged.has(role) && p.startsWith("trusts cognito-identity")));
            for (const problem of problems) report(`The role ${role.name} ${problem}.`, role.urn);
        }
    }),
};

