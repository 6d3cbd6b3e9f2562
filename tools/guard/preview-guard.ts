// The replacement guard over a real preview: reads `pulumi preview --json` (Pulumi's PreviewDigest:
// `steps` with `op`, `urn`, `oldState`/`newState`, `replaceReasons`, `diffReasons`, `detailedDiff`)
// and names every step that would delete or replace a guarded resource type (user pools always),
// and a user pool created beside resources the stack already has (a stack that lost its state).
// Replaced clients and domains are said as cautions unless --type guards their type.
import { awsTypes } from "../../policy/rules/type-tokens";
import { clientTypes, userPoolTypes } from "../../policy/rules/support";
import { urnParts } from "../harness/urns";

/** Step operations that end with the old resource gone. */
const losingOps = ["delete", "replace", "create-replacement", "delete-replaced", "import-replacement", "discard-replaced"] as const;
/** The losing operations of a replacement (a delete alone is a removal, not a replacement). */
const replacingOps = losingOps.filter((op) => op !== "delete");
/**
 * Operations on a resource the stack's state has not held so far; every other operation is on a
 * deployed one (same, update, replace, delete, refresh, ...).
 */
const newResourceOps = ["create", "import", "read"];
/** Types whose replacement people outside the stack notice, and why. */
const noticedReplacements: readonly { readonly types: readonly string[]; readonly why: string }[] = [
    { types: clientTypes, why: "a replaced client gets a new client id: every app that holds the old one stops signing in until it ships the new one" },
    { types: [awsTypes.domain, "aws-native:cognito:UserPoolDomain"], why: "a replaced domain is deleted and created again: the hosted sign-in is down meanwhile, and with a new name every sign-in URL changes, and with it the redirect URL each identity provider knows" },
];

/** Input a person gave the guard that it cannot read: the message says what and how to fix it. */
export class PreviewInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewInputError";
    }
}

interface PropertyDiff {
    kind?: string;
    inputDiff?: boolean;
}

interface PreviewStep {
    op?: unknown;
    urn?: unknown;
    oldState?: { type?: unknown };
    newState?: { type?: unknown };
    replaceReasons?: unknown;
    diffReasons?: unknown;
    detailedDiff?: Record<string, PropertyDiff> | null;
}

/** One resource's steps, merged: a replacement shows as several steps of one URN. */
interface ResourceSteps {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Every op seen for this resource that the guard weighs. */
    readonly ops: readonly string[];
    readonly replaceReasons: readonly string[];
}

export interface GuardFinding extends ResourceSteps {
    readonly diffReasons: readonly string[];
    /** detailedDiff keys with their kind, such as `usernameAttributes (update-replace)`. */
    readonly detailedDiff: readonly string[];
    /** Schema attributes of a user pool changed or removed in place: Cognito refuses these. */
    readonly refusedSchemaChanges: readonly string[];
    /** A user pool created while this many other resources of the stack are deployed. */
    readonly createdBeside?: number;
}

/** A replacement said, not failed: who notices it outside the stack. */
export interface GuardCaution extends ResourceSteps {
    readonly why: string;
}

export interface GuardResult {
    readonly steps: number;
    readonly findings: readonly GuardFinding[];
    /** Replaced clients and domains (types --type did not guard). */
    readonly cautions: readonly GuardCaution[];
    /** The preview's error diagnostics: it failed, so it may not show every change. */
    readonly errors: readonly string[];
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * The JSON document in `text`. Pulumi may print a line or two before it (such as "Installing policy
 * pack ..."), so a document that does not parse whole is read from its first line starting with "{".
 */
function jsonDocument(text: string, source: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        const start = text.search(/^\{/m);
        if (start > 0) {
            try {
                return JSON.parse(text.slice(start));
            } catch {
                // Reported below with the first parser message.
            }
        }
        throw new PreviewInputError(`${source} is not JSON (${(error as Error).message}): write it with \`pulumi preview --json > ${source}\`.`);
    }
}

export interface Preview {
    readonly steps: PreviewStep[];
    /** Error diagnostics: the preview failed (a policy violation, a provider error), so it shows only part of what would change. */
    readonly errors: readonly string[];
}

/** The preview document, checked for the shape `pulumi preview --json` writes (Pulumi's PreviewDigest). */
export function parsePreview(text: string, source: string): Preview {
    if (text.trim() === "") throw new PreviewInputError(`${source} is empty: write it with \`pulumi preview --json > ${source}\` (stdout only; the preview's own messages go to stderr).`);
    const document = jsonDocument(text, source);
    if (!document || typeof document !== "object" || Array.isArray(document)) throw new PreviewInputError(`${source} is not the output of \`pulumi preview --json\`: expected an object with "steps", got ${Array.isArray(document) ? "a list" : JSON.stringify(document)}.`);
    const digest = document as { steps?: unknown; changeSummary?: unknown; diagnostics?: unknown; duration?: unknown };
    // Every key of the digest is omitted when empty; a document with none of them is something else.
    if (![digest.steps, digest.changeSummary, digest.diagnostics, digest.duration].some((v) => v !== undefined)) {
        throw new PreviewInputError(`${source} is not the output of \`pulumi preview --json\`: it has none of "steps", "changeSummary", "diagnostics", "duration" (keys: ${Object.keys(digest).join(", ") || "none"}).`);
    }
    if (digest.steps !== undefined && !Array.isArray(digest.steps)) throw new PreviewInputError(`${source}: "steps" is not a list.`);
    const steps = (digest.steps ?? []) as unknown[];
    steps.forEach((step, i) => {
        if (!step || typeof step !== "object" || typeof (step as PreviewStep).op !== "string" || typeof (step as PreviewStep).urn !== "string") {
            throw new PreviewInputError(`${source}: steps[${i}] has no "op" and "urn" strings: ${JSON.stringify(step)?.slice(0, 200)}`);
        }
    });
    const errors = (Array.isArray(digest.diagnostics) ? digest.diagnostics : [])
        .filter((d) => d && (d as { severity?: string }).severity === "error")
        .map((d) => String((d as { message?: string }).message ?? "").trim());
    return { steps: steps as PreviewStep[], errors };
}

const typeOf = (step: PreviewStep) => String(step.newState?.type ?? step.oldState?.type ?? urnParts(step.urn as string).type);
const merge = (a: readonly string[] = [], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * Resources the stack has deployed, besides the stack itself and its providers: a user pool created
 * beside them is what a stack that lost its state (or a pool whose import was forgotten) looks like.
 */
function deployedResources(steps: readonly PreviewStep[]): number {
    const deployed = new Set(steps.filter((s) => !newResourceOps.includes(s.op as string) && !/^pulumi:(pulumi:Stack|providers:)/.test(typeOf(s))).map((s) => s.urn as string));
    return deployed.size;
}

/** The steps that would lose a resource of a guarded type (user pools, and `extraTypes`), one finding per resource; replaced clients and domains as cautions. */
export function guardPreview(preview: Preview, extraTypes: readonly string[] = []): GuardResult {
    const guarded = new Set([...userPoolTypes, ...extraTypes]);
    const byUrn = new Map<string, GuardFinding>();
    const cautions = new Map<string, GuardCaution>();
    const deployed = deployedResources(preview.steps);
    for (const step of preview.steps) {
        const op = step.op as string;
        const urn = step.urn as string;
        const type = typeOf(step);
        const detailed = Object.entries(step.detailedDiff ?? {}).map(([key, d]) => ({ key, kind: d?.kind ?? "update" }));
        // An existing attribute changed or removed: the provider plans an update, Cognito refuses it.
        const refused = userPoolTypes.includes(type) && op === "update" ? detailed.filter((d) => /^schemas?\[/.test(d.key) && !d.kind.startsWith("add")).map((d) => `${d.key} (${d.kind})`) : [];
        const createdBeside = userPoolTypes.includes(type) && op === "create" && deployed > 0;
        const noticed = noticedReplacements.find((n) => n.types.includes(type));
        if (!guarded.has(type) && noticed && (replacingOps as readonly string[]).includes(op)) {
            const seen = cautions.get(urn);
            cautions.set(urn, { urn, type, name: urnParts(urn).name, ops: merge(seen?.ops, [op]), replaceReasons: merge(seen?.replaceReasons, stringList(step.replaceReasons)), why: noticed.why });
            continue;
        }
        if (!guarded.has(type) || (!(losingOps as readonly string[]).includes(op) && refused.length === 0 && !createdBeside)) continue;
        const seen = byUrn.get(urn);
        byUrn.set(urn, {
            urn, type, name: urnParts(urn).name,
            ops: merge(seen?.ops, [op]),
            replaceReasons: merge(seen?.replaceReasons, stringList(step.replaceReasons)),
            diffReasons: merge(seen?.diffReasons, stringList(step.diffReasons)),
            detailedDiff: merge(seen?.detailedDiff, detailed.map((d) => `${d.key} (${d.kind})`)),
            refusedSchemaChanges: merge(seen?.refusedSchemaChanges, refused),
            ...(createdBeside && { createdBeside: deployed }),
        });
    }
    return { steps: preview.steps.length, findings: [...byUrn.values()], cautions: [...cautions.values()], errors: preview.errors };
}

function cautionLines(cautions: readonly GuardCaution[]): string[] {
    if (cautions.length === 0) return [];
    return [
        "Careful (said, not failed; --type <token> fails the run for that type):",
        ...cautions.map((c) => `  - ${c.type} ${c.name}: ${c.ops.join(", ")}${c.replaceReasons.length ? ` (replaceReasons: ${c.replaceReasons.join(", ")})` : ""}: ${c.why}.`),
    ];
}

export function renderGuard(result: GuardResult, source: string): string {
    const failed = result.errors.length ? [`The preview itself failed, so it may not show every change: ${result.errors.join(" | ")}`] : [];
    if (result.findings.length === 0) {
        return [`${source}: no user pool (or other guarded resource) is replaced or deleted (${result.steps} step${result.steps === 1 ? "" : "s"} read).`, ...cautionLines(result.cautions), ...failed].join("\n");
    }
    const lines = [`STOP: ${source} would replace, delete, break or lose track of ${result.findings.length} guarded resource(s); a user pool replaced, deleted or left outside the stack loses every user and password hash:`];
    for (const f of result.findings) {
        lines.push(`  - ${f.type} ${f.name}: ${f.ops.join(", ")}`, `      urn: ${f.urn}`);
        if (f.replaceReasons.length) lines.push(`      replaceReasons: ${f.replaceReasons.join(", ")}`);
        if (f.diffReasons.length) lines.push(`      diffReasons: ${f.diffReasons.join(", ")}`);
        if (f.detailedDiff.length) lines.push(`      detailedDiff: ${f.detailedDiff.join(", ")}`);
        if (f.refusedSchemaChanges.length) lines.push(`      Cognito refuses to change or remove an attribute of an existing pool (${f.refusedSchemaChanges.join(", ")}): the update would fail, and forcing it means a new pool`);
        if (f.ops.includes("delete") && !f.replaceReasons.length) lines.push("      (deleted: the resource left the program, or its name or parent changed without an alias)");
        if (f.createdBeside) lines.push(`      (created while ${f.createdBeside} other resource(s) of the stack are deployed: what a stack that lost its state looks like. The deployed pool, with every user, would be left outside the stack and an empty one created beside it. Restore the stack's state (\`pulumi stack history\`, \`pulumi stack import\`), or adopt the deployed pool with cognito:userPool.importId.)`);
    }
    lines.push(...cautionLines(result.cautions), ...failed, "Revert the change, or run `npm start -- <stack> --base <ref>` to see which stack-file key causes it. If losing the pool is intended, pass --allow-replace (in CI: the pull request label allow-user-pool-replacement) and say why.");
    return lines.join("\n");
}

/** Exit code: 2 when a guarded resource would be lost (unless allowed), 1 when the preview failed, else 0. */
export function guardExitCode(result: GuardResult, allowReplace: boolean): number {
    if (result.findings.length > 0 && !allowReplace) return 2;
    return result.errors.length > 0 ? 1 : 0;
}
