// The one change that cannot be undone: a user pool replaced or removed loses every user and
// password hash. These read a diff of two plans, say what changes for people, and name what would
// lose the pool, with the stack-file key behind it and what to do instead.
import { standardAttributeNames } from "../../config/schema";
import type { StageDefaultsName } from "../../config";
import { userPoolTypes } from "../../policy/rules/support";
import type { InputChange, PlanComparison, PlanSide, ResourceDiff } from "./plan-diff";

/** The stack-file key that sets each user pool input this program derives. */
function configKeyOf(path: string): string | undefined {
    const attribute = /^schemas\[([^\]]+)\]/.exec(path)?.[1];
    if (attribute !== undefined) return (standardAttributeNames as readonly string[]).includes(attribute) ? `cognito:userPool.standardAttributes.${attribute}` : `cognito:userPool.customAttributes.${attribute}`;
    const byInput: Record<string, string> = {
        name: "cognito:userPool.name",
        usernameAttributes: "cognito:userPool.signInWith",
        aliasAttributes: "cognito:userPool.signInWith",
        usernameConfiguration: "cognito:userPool.caseSensitive",
        region: "aws:region, or the region of the pool's provider",
    };
    return byInput[path.split(".")[0]];
}

export const keepThePool = "Keep the deployed value. To change it for real users, create a second pool beside this one and move them (export and restore them, or migrate them on sign-in with the user migration trigger), then retire the old pool. Run with --allow-replace only if losing every user of this pool is intended.";

/** What the verdicts weigh besides the diff. */
export interface VerdictContext {
    /** The stage takes prod's defaults and rules (cognito:stageDefaults prod), on either side: its pool's protection is not negotiable. */
    readonly prodStage?: boolean;
}

const retainTakenOff = (c: InputChange) => c.path === "option retainOnDelete" && c.before === true && c.after !== true;

/** One line per change that would lose (or that Cognito refuses on) a user pool; empty when the pool is safe. */
export function userPoolBlockers(diffs: readonly ResourceDiff[], context: VerdictContext = {}): string[] {
    const lines: string[] = [];
    for (const d of diffs.filter((d) => userPoolTypes.includes(d.type))) {
        if (d.kind === "remove") {
            // What the engine does with it: refuses to delete a protected resource (the update fails), forgets one it must retain.
            const outcome = d.deployed?.protect
                ? " It is protected, so `pulumi up` fails rather than delete it, until someone takes protect off."
                : d.deployed?.retainOnDelete ? " retainOnDelete leaves it and its users in AWS, but no stack manages it any more, and a pool created in its place starts empty." : "";
            lines.push(`The user pool ${d.name} would be deleted: it is no longer in the program, or its logical name or parent changed without an alias.${outcome}`);
            continue;
        }
        // Changes hold differing values only: an import id set now is another than before.
        const imported = d.changes.find((c) => c.path === "option import" && typeof c.after === "string" && c.after !== "");
        if (imported) {
            // Another import id than the one in the state: Pulumi imports that pool and deletes the one it manages.
            lines.push(`The user pool ${d.name}: its import id changes (cognito:userPool.importId) from ${show(imported.before === "" ? undefined : imported.before)} to ${show(imported.after)}; the engine would import that pool and delete the one this stack manages (an import-replacement). Remove importId once a pool is imported.`);
        }
        const provider = d.changes.find((c) => c.path === "option provider");
        if (provider) {
            // The engine asks the new provider whether its configuration differs in a way that
            // replaces what it manages (step_generator.go providerChanged: DiffConfig); a plan without
            // the provider cannot know the answer, and a provider of another region replaces for sure.
            lines.push(`The user pool ${d.name}: its provider changes from ${String(provider.before)} to ${String(provider.after)} (a transform or the component's options); the engine replaces the pool when the new provider's configuration calls for it (its DiffConfig), which only a real \`pulumi preview\` can tell. Keep the pool on its provider.`);
        }
        if (context.prodStage && d.changes.some(retainTakenOff)) {
            lines.push(`The user pool ${d.name}: retainOnDelete is taken off (cognito:userPool.retainOnDelete) in a stage on prod's defaults: a later delete, replacement or \`pulumi destroy\` would delete the pool in AWS with every user, instead of leaving it. Keep retainOnDelete: true in prod stages.`);
        }
        for (const c of d.changes.filter((c) => c.replaces || c.refused)) {
            const key = configKeyOf(c.path);
            const what = c.refused ? `Cognito refuses this (${c.refused}), so the update fails` : `${c.replaces}, so the pool and every user in it would be replaced`;
            lines.push(`The user pool ${d.name}: ${c.path} changes${key ? ` (${key})` : ""} from ${show(c.before)} to ${show(c.after)}; ${what}.`);
        }
    }
    return lines;
}

/** Changes that leave the pool easier to lose, though they lose nothing yet: said, not stopped (retainOnDelete in a prod stage is stopped instead). */
export function userPoolCautions(diffs: readonly ResourceDiff[], context: VerdictContext = {}): string[] {
    const weakened: Record<string, [unknown, unknown, string]> = {
        "option protect": [true, false, "the stack no longer protects it (cognito:userPool.protect): a later delete would go through"],
        "option retainOnDelete": [true, false, "it would be deleted in AWS, not only forgotten, when it leaves the stack (cognito:userPool.retainOnDelete)"],
        deletionProtection: ["ACTIVE", "INACTIVE", "AWS would let it be deleted (cognito:userPool.deletionProtection)"],
    };
    return diffs.filter((d) => userPoolTypes.includes(d.type)).flatMap((d) => d.changes.flatMap((c) => {
        const rule = weakened[c.path];
        if (context.prodStage && retainTakenOff(c)) return [];
        return rule && c.before === rule[0] && c.after !== rule[0] ? [`The user pool ${d.name}: ${rule[2]}.`] : [];
    }));
}

/** A side of the comparison as the verdict reads it: a plan, with its stage defaults when the ref has the stack. */
export type VerdictSide = PlanSide & { readonly stageDefaults?: StageDefaultsName };

/**
 * The whole verdict of a comparison: what would lose the user pool (stopped) and what leaves it
 * easier to lose (said). A renamed project moves every URN: that one line stands for the deletes.
 */
export function guardVerdict(base: VerdictSide, head: VerdictSide, comparison: PlanComparison): { blockers: string[]; cautions: string[] } {
    const context = { prodStage: base.stageDefaults === "prod" || head.stageDefaults === "prod" };
    const renamed = base.resources.length > 0 && base.project !== head.project;
    const diffs = renamed ? comparison.diffs.filter((d) => d.kind !== "remove") : comparison.diffs;
    return {
        blockers: [
            ...(renamed ? [projectRenamed(base.project, head.project)] : []),
            ...comparison.conflicts.map((urn) => `Two resources take over the deployed resource ${urn} (through aliases): the engine refuses such a deployment (duplicate resource alias); give the alias to one of them.`),
            ...userPoolBlockers(diffs, context),
        ],
        cautions: userPoolCautions(diffs, context),
    };
}

function projectRenamed(before: string, after: string): string {
    return `The project is renamed from ${before} to ${after} (Pulumi.yaml name): every URN holds the project's name, so no deployed resource answers to its new URN. The engine would create every resource again, the user pool empty, and delete the deployed ones (with Pulumi Cloud or a project-scoped backend, the stack is not even found: a new, empty stack); and the stack files' ${before}: keys are not read by a project named ${after}. To rename a project, move each stack with it (\`pulumi stack rename <org>/${after}/<stack>\` rewrites its state) and rename the ${before}: keys of every stack file, in one change.`;
}

function show(value: unknown): string {
    if (value === undefined) return "(unset)";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

const marker: Record<ResourceDiff["kind"], string> = { add: "+", remove: "-", update: "~", replace: "+-" };

function changeLine(c: InputChange): string {
    const tag = c.refused ? "  [refused by Cognito]" : c.replaces ? "  [forces replacement]" : "";
    return `      ${c.path}: ${show(c.before)} => ${show(c.after)}${tag}`;
}

/** The diff for people: one line per resource, its changed inputs under it. */
export function renderDiff(diffs: readonly ResourceDiff[], baseLabel: string): string {
    if (diffs.length === 0) return `Changes from ${baseLabel}: none`;
    const count = (kind: ResourceDiff["kind"]) => diffs.filter((d) => d.kind === kind).length;
    const lines = [`Changes from ${baseLabel}: ${count("add")} to add, ${count("update")} to update, ${count("replace")} to replace, ${count("remove")} to delete`];
    for (const d of diffs) {
        lines.push(`  ${marker[d.kind].padEnd(2)} ${d.type} ${d.name}${d.kind === "replace" ? "  (replace)" : d.kind === "remove" ? "  (delete)" : ""}`);
        lines.push(...d.changes.map(changeLine));
    }
    return lines.join("\n");
}
