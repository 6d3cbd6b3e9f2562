// What user migration carries from the old pool, decided here once, for the trigger's settings, the
// checks and the warnings: which groups may follow a migrated user, and which attributes come along.
// Nothing a user could set in the old pool becomes something this stack trusts without the stack
// saying so: groups follow only users the migration trigger itself marked (custom:migratedFrom, an
// attribute no client may write and no provider may map), protected groups only when listed, and
// the claims that choose AWS roles stay behind unless carried on purpose.
import { standardAttributeNames, type TriggerSettings } from "../../config/schema";
import { migrationMarkAttribute, migrationMarkName } from "../../lambdas/shared/migration-mark";
import { verificationFlags } from "../app-clients/settings";
import { allowedValues, ProblemList, quoted, type Problem } from "../shared/validation";

type Migration = NonNullable<TriggerSettings["userMigration"]>;

/** What of the pool and the stack migration's decisions read. */
export interface MigrationPool {
    readonly groups: readonly { readonly name: string }[];
    /** Custom attributes the pool declares, by name without "custom:". */
    readonly customAttributes: Readonly<Record<string, { readonly type: string }>>;
    /** Claims the stack trusts to choose AWS roles (identity pool role-mapping rules). */
    readonly roleClaims: readonly string[];
    /** Groups protected from linking (their members carry power). */
    readonly protectedGroups: readonly string[];
}

export const migrationSource = (m: Migration) => ({ userPoolId: m.sourceUserPoolId, clientId: m.sourceClientId });

/** Whether the pool declares the mark groups that follow need (a String custom attribute). */
const declaresMark = (pool: MigrationPool) => pool.customAttributes[migrationMarkName]?.type === "String";

/**
 * The groups that may follow a migrated user: as listed, none for false, else every group but the
 * protected ones; left unset without the mark declared, none (settingsWithoutEffect says so).
 */
export function followedGroups(m: Migration | undefined, pool: MigrationPool): string[] {
    if (!m || m.followGroups === false || (m.followGroups === undefined && !declaresMark(pool))) return [];
    if (Array.isArray(m.followGroups)) return [...m.followGroups];
    return pool.groups.map((g) => g.name).filter((g) => !pool.protectedGroups.includes(g));
}

/** Groups that would follow by default, were the mark declared: said, so nobody believes they follow. */
export function migrationWithoutEffect(m: Migration | undefined, pool: MigrationPool): string | undefined {
    if (!m || m.followGroups !== undefined || declaresMark(pool)) return undefined;
    return `groups do not follow migrated users: they follow only users the trigger marks in ${migrationMarkAttribute}, which userPool.customAttributes does not declare; declare ${migrationMarkName}: { type: String, mutable: false } to let every group but the protected ones follow, or set followGroups: false`;
}

/** Every attribute a user of this pool can have, by the name Cognito gives it. */
const poolAttributes = (pool: MigrationPool) => [...standardAttributeNames, ...verificationFlags, ...Object.keys(pool.customAttributes).map((n) => `custom:${n}`)];

/** Why an attribute this pool has stays behind, or undefined when it is carried. */
function droppedBecause(m: Migration, pool: MigrationPool, name: string): string | undefined {
    if (name === migrationMarkAttribute) return "the migration's own mark, written by the trigger";
    if ((m.dropAttributes ?? []).includes(name)) return "listed in triggers.userMigration.dropAttributes";
    if (pool.roleClaims.includes(name) && !(m.carryAttributes ?? []).includes(name)) return "chooses AWS roles (identityPool.roleMapping), and the old pool may have let users write it";
    return undefined;
}

/**
 * The attributes a migrated user brings, and those left behind with the reason. Only attributes
 * this pool has come along (any other would fail the user's creation): sub, identities and
 * cognito:* never (Cognito sets them), nor custom attributes this pool does not declare.
 */
export function migrationAttributes(m: Migration, pool: MigrationPool): { carried: string[]; dropped: { name: string; why: string }[] } {
    const carried: string[] = [];
    const dropped: { name: string; why: string }[] = [];
    for (const name of poolAttributes(pool)) {
        const why = droppedBecause(m, pool, name);
        if (why) dropped.push({ name, why });
        else carried.push(name);
    }
    return { carried, dropped };
}

/** The stack-file checks of triggers.userMigration that need the pool. */
export function migrationProblems(m: Migration | undefined, pool: MigrationPool): Problem[] {
    const p = new ProblemList();
    if (!m) return p.problems;
    const at = "triggers.userMigration";
    const groups = pool.groups.map((g) => g.name);
    if (Array.isArray(m.followGroups)) {
        m.followGroups.forEach((group, i) => p.check(groups.includes(group), `${at}.followGroups[${i}]`,
            `got ${JSON.stringify(group)}, which is not a group of the pool; allowed: ${allowedValues(groups, "declare userPool.groups")}`));
    }
    const mark = pool.customAttributes[migrationMarkName];
    if (followedGroups(m, pool).length > 0 && !declaresMark(pool)) {
        p.add(`${at}.followGroups`, `groups follow only users the migration trigger created, which it marks in ${migrationMarkAttribute} (no user can write it, so an account someone else made with a migrated user's address inherits nothing); ${mark ? `userPool.customAttributes.${migrationMarkName} is a ${mark.type}, ` : ""}declare userPool.customAttributes.${migrationMarkName}: { type: String, mutable: false }, or set followGroups: false`);
    }
    const known = poolAttributes(pool);
    for (const key of ["dropAttributes", "carryAttributes"] as const) {
        (m[key] ?? []).forEach((name, i) => p.check(known.includes(name) && name !== migrationMarkAttribute, `${at}.${key}[${i}]`,
            `got ${JSON.stringify(name)}, which is not an attribute this pool carries; allowed: a standard attribute, ${quoted(verificationFlags)}, or a declared custom attribute as "custom:<name>" (not ${migrationMarkAttribute})`));
    }
    (m.carryAttributes ?? []).forEach((name, i) => p.check(pool.roleClaims.includes(name) || !known.includes(name), `${at}.carryAttributes[${i}]`,
        `got ${JSON.stringify(name)}, which is carried anyway; allowed: a claim that chooses AWS roles here: ${allowedValues(pool.roleClaims, "no identityPool.roleMapping rule uses one")}`));
    return p.problems;
}

/**
 * While groups follow migrated users, the mark must be beyond every user's reach: no client may
 * write it, no identity provider may map it (`untrusted`: attribute -> who controls it).
 */
export function migrationMarkProblems(marks: boolean, untrusted: Readonly<Record<string, string>>): Problem[] {
    const why = marks ? untrusted[migrationMarkAttribute] : undefined;
    return why === undefined ? [] : [{
        field: "triggers.userMigration.followGroups",
        message: `groups follow users marked in ${migrationMarkAttribute}, but ${why}: anyone could mark an account as migrated and inherit an old account's groups; remove it from clients[].writeAttributes and identityProviders[].attributeMapping`,
    }];
}

/** Trust given on purpose (fields relative to triggers.userMigration), for the weakening warnings. */
export function migrationWeakenings(m: Migration | undefined, pool: MigrationPool): Problem[] {
    if (!m) return [];
    const found: Problem[] = [];
    if (Array.isArray(m.followGroups)) {
        m.followGroups.forEach((group, i) => {
            if (pool.protectedGroups.includes(group)) found.push({ field: `followGroups[${i}]`, message: `is ${JSON.stringify(group)}, a protected group: a migrated member gets it from the old pool without this stack's own vetting` });
        });
    }
    (m.carryAttributes ?? []).forEach((name, i) => {
        if (pool.roleClaims.includes(name)) found.push({ field: `carryAttributes[${i}]`, message: `carries ${JSON.stringify(name)}, which chooses AWS roles here, from the old pool, where users may have written it` });
    });
    return found;
}
