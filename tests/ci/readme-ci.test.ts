// The README's "CI and deployment" section and the workflows, held to each other: the list of jobs
// and steps line for line, the environments and secrets each job takes, the schedule, the label,
// and the trust and permission policies against what the workflows ask of AWS.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";
import { jobsOf, secretsOf, workflow, workflowFiles as files, workflowText, type Job } from "../support/workflows";

const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## CI and deployment\n"), readme.indexOf("\n## ", readme.indexOf("## CI and deployment\n") + 1));

/** A job as the README lists it: where its secrets come from, and its steps by name, in order. */
function described(job: Job): { where: string; steps: string } {
    const where = job.environment ? `environment \`${job.environment.replace("${{ matrix.stack }}", "<stack>")}\`; secrets ${secretsOf(job).map((s) => `\`${s}\``).join(", ")}` : "no environment, no secrets";
    return { where, steps: job.steps.map((s) => s.name ?? `(unnamed: ${s.run ?? s.uses})`).join(" → ") };
}

/** The README's list: workflow file -> job -> { where, steps }. */
function listed(): Record<string, Record<string, { where: string; steps: string }>> {
    const list = section.slice(section.indexOf("**What runs, step by step.**"), section.indexOf("\n**", section.indexOf("**What runs, step by step.**") + 1));
    const result: Record<string, Record<string, { where: string; steps: string }>> = {};
    let file: string | undefined;
    for (const line of list.split("\n")) {
        const heading = /^`([\w-]+\.yml)`, /.exec(line);
        if (heading) result[(file = heading[1])] = {};
        const job = /^- `([\w-]+)`(?:, [^(]*)? \((.*?)\): (.+)$/.exec(line);
        if (job && file) result[file][job[1]] = { where: job[2], steps: job[3] };
    }
    return result;
}

/** The JSON blocks of the section (trust and permission policies). */
const jsonBlocks = () => [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));

describe("README, CI and deployment: in step with the workflows", () => {
    it("lists every job of every workflow with its environment, its secrets and its steps in order, and nothing else", () => {
        const expected = Object.fromEntries(files.map((file) => [file, Object.fromEntries(Object.entries(jobsOf(file)).map(([name, job]) => [name, described(job)]))]));
        assert.deepStrictEqual(listed(), expected);
    });

    it("says the schedule of the drift check and the label the guards read", () => {
        const [minute, hour] = workflow("drift.yml").on.schedule[0].cron.split(" ");
        assert.ok(section.includes(`every day at ${hour.padStart(2, "0")}:${minute.padStart(2, "0")} UTC`));
        const label = /contains\(github\.event\.pull_request\.labels\.\*\.name, '([\w-]+)'\)/.exec(workflowText("pull-request.yml"))![1];
        assert.ok(section.includes(`add the label \`${label}\``));
    });

    it("names each environment's secrets as the workflows read them, and none at repository level", () => {
        for (const secret of new Set(files.flatMap((file) => Object.values(jobsOf(file)).flatMap(secretsOf)))) assert.ok(section.includes(`\`${secret}\``), secret);
        assert.ok(section.includes("`preview-<stack>` (`preview-dev`, `preview-staging`, `preview-prod`)") && section.includes("`<stack>` (`dev`, `staging`, `prod`)"));
    });

    it("trust policies pin the repository and the environment the workflows name, the deploy role the default branch too", () => {
        const trusts = jsonBlocks().filter((p) => p.Statement?.[0]?.Action === "sts:AssumeRoleWithWebIdentity");
        const subject = (p: any) => p.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] ?? p.Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"];
        assert.deepStrictEqual(trusts.map(subject), ["repo:<owner>/<repo>:environment:prod:ref:refs/heads/main", "repo:<owner>/<repo>:environment:preview-prod:ref:refs/*"]);
        for (const trust of trusts) assert.strictEqual(trust.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"], "sts.amazonaws.com");
        assert.strictEqual(jobsOf("deploy.yml").up.environment, "${{ matrix.stack }}", "the deploy role's environment is the stack's");
        assert.deepStrictEqual([jobsOf("pull-request.yml").preview.environment, jobsOf("drift.yml").drift.environment], ["preview-${{ matrix.stack }}", "preview-${{ matrix.stack }}"]);
        assert.ok(section.includes("'include_claim_keys[]=repo' -f 'include_claim_keys[]=context' -f 'include_claim_keys[]=ref'"), "the subject template those subjects need");
    });

    it("the preview role reads no user and no secret, and the drift check leaves out what it may not read", () => {
        const [policy] = jsonBlocks().filter((p) => p.Statement?.some((s: { Sid?: string }) => s.Sid === "PreviewProviderAndProgram"));
        const actions: string[] = policy.Statement.flatMap((s: { Action: string | string[] }) => s.Action);
        for (const forbidden of ["cognito-idp:ListUsers", "cognito-idp:AdminGetUser", "cognito-idp:DescribeUserPoolClient", "cognito-idp:DescribeIdentityProvider"]) assert.ok(!actions.includes(forbidden), forbidden);
        assert.deepStrictEqual(actions.filter((a) => a.includes("*") || /:Admin/.test(a) || /ListUsers/.test(a)), [], "no wildcard, no Admin* call, no user listing");
        const drift = jobsOf("drift.yml").drift.steps.map((s) => s.run ?? "").join("\n");
        assert.ok(drift.includes("aws:cognito/userPoolClient:UserPoolClient") && drift.includes("aws:cognito/identityProvider:IdentityProvider"));
    });
});
