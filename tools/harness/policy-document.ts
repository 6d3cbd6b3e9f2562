// What `aws.iam.getPolicyDocument` answers: the IAM JSON AWS builds from its statement blocks, so
// programs that build their policies this way reach the policy pack as they would on AWS.

interface Principal { type?: string; identifiers?: string[] }
interface ConditionBlock { test?: string; variable?: string; values?: string[] }
interface StatementBlock {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: Principal[];
    notPrincipals?: Principal[];
    conditions?: ConditionBlock[];
}

/** One value stays a string, several become a list, as AWS writes them. */
const oneOrMany = (values: readonly string[]) => (values.length === 1 ? values[0] : [...values]);

function principals(blocks: readonly Principal[] | undefined): unknown {
    if (!blocks?.length) return undefined;
    if (blocks.length === 1 && blocks[0].type === "*") return "*";
    const byType: Record<string, string[]> = {};
    for (const p of blocks) (byType[p.type ?? "AWS"] ??= []).push(...(p.identifiers ?? []));
    return Object.fromEntries(Object.entries(byType).map(([type, ids]) => [type, oneOrMany(ids)]));
}

function conditions(blocks: readonly ConditionBlock[] | undefined): unknown {
    if (!blocks?.length) return undefined;
    const result: Record<string, Record<string, unknown>> = {};
    for (const c of blocks) (result[c.test ?? ""] ??= {})[c.variable ?? ""] = oneOrMany(c.values ?? []);
    return result;
}

export function policyDocumentJson(inputs: { version?: string; statements?: StatementBlock[] }): string {
    const statement = (inputs.statements ?? []).map((s) => {
        const entry: Record<string, unknown> = {
            Sid: s.sid,
            Effect: s.effect ?? "Allow",
            Action: s.actions?.length ? oneOrMany(s.actions) : undefined,
            NotAction: s.notActions?.length ? oneOrMany(s.notActions) : undefined,
            Resource: s.resources?.length ? oneOrMany(s.resources) : undefined,
            NotResource: s.notResources?.length ? oneOrMany(s.notResources) : undefined,
            Principal: principals(s.principals),
            NotPrincipal: principals(s.notPrincipals),
            Condition: conditions(s.conditions),
        };
        return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
    });
    return JSON.stringify({ Version: inputs.version ?? "2012-10-17", Statement: statement }, null, 2);
}
