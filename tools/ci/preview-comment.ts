// Posts a stack's `pulumi preview` on its pull request, one comment per stack, updated in place on
// every push, so the conversation keeps one current preview per stage. The comment to update is the
// one this tool's own bot account wrote with the stack's hidden marker: anyone can paste the marker
// into a comment of their own, and such a comment is never edited (nor taken for the preview).
// `node -r ./tools/register.js tools/ci/preview-comment.ts <stack> <preview.txt> [<guard.txt>] [<diagram.json>]`
// with GITHUB_TOKEN, GITHUB_REPOSITORY and PR_NUMBER set (the pull-request workflow does), and
// PREVIEW_COMMENT_AUTHOR when the token is not the workflow's own (a GitHub App's bot login); the
// diagram is the change to the stack's trust map as data (`npm start -- <stack> --base <ref> --diagram
// json`), drawn here with this tool's own code. Everything the preview job wrote is the pull request's
// code's claim: the preview is fenced, the guard's line is a code span, the map is redrawn.
import * as fs from "fs";
import { drawingFromJson } from "../diagram/drawing-json";
import { inlineCode, markdownOf } from "../diagram/markdown";

/** GitHub's comment limit is 65536 characters; the end of a preview (summary, policies) matters most. */
const maxPreview = 60000;
/** The trust map's share of it; a larger one is named, not posted (the SVG or the text art shows it). */
const maxDiagram = 20000;

export const markerOf = (stack: string) => `<!-- cognito-as-code preview: ${stack} -->`;

/** Who writes the comments with the workflow's GITHUB_TOKEN. */
const workflowBot = "github-actions[bot]";

/**
 * The trust map's part of the comment, drawn here from the data the preview job wrote: that job ran
 * the pull request's code, so its file is read as data (drawing-json.ts) and every word of it goes
 * through the renderer's escaping; a file that is not a drawing is said, never pasted.
 */
function trustMapSection(stack: string, diagramJson: string | undefined): string | undefined {
    if (!diagramJson?.trim()) return undefined;
    const drawing = drawingFromJson(diagramJson);
    if (!drawing) return "The trust map's data could not be read (not a drawing this tool writes): nothing is shown.";
    const markdown = markdownOf(drawing).trim();
    return markdown.length > maxDiagram ? `The trust map is too large for a comment (${markdown.length} characters): run \`npm start -- ${stack} --base <target branch> --diagram svg\`.` : markdown;
}

/** A stack name as Pulumi allows it: nothing in it can end the marker, a code span or a line. */
const stackName = /^[\w.-]{1,100}$/;

export function commentBody(stack: string, preview: string, guard?: string, diagramJson?: string): string {
    if (!stackName.test(stack)) throw new Error(`not a stack name: ${JSON.stringify(stack)}`);
    const map = trustMapSection(stack, diagramJson);
    const room = maxPreview - (map?.length ?? 0);
    const clipped = preview.length > room ? `(first ${preview.length - room} characters left out)\n${preview.slice(-room)}` : preview;
    const fence = "```";
    // The guard's verdict was written by the pull request's code too: one line, as a code span.
    const verdict = guard?.trim().split("\n")[0].slice(0, 500);
    return [
        markerOf(stack),
        `### \`pulumi preview\` of stack \`${stack}\` (with the policy pack)`,
        "",
        ...(verdict ? [`**User pool guard:** ${inlineCode(verdict)}`, ""] : []),
        ...(map ? [map, ""] : []),
        `${fence}text`,
        clipped.replace(/```/g, "'''").trimEnd(),
        fence,
    ].join("\n");
}

type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

interface IssueComment {
    id: number;
    body?: string;
    user?: { login?: string; type?: string } | null;
}

/** Creates the stack's comment, or updates the one its bot (`author`, the workflow's by default) wrote. Returns what it did. */
export async function upsertComment(options: { repository: string; pr: string; token: string; stack: string; body: string; author?: string; fetch?: Fetch; api?: string }): Promise<"created" | "updated"> {
    const call = options.fetch ?? (globalThis.fetch as unknown as Fetch);
    const api = options.api ?? "https://api.github.com";
    const headers = { authorization: `Bearer ${options.token}`, accept: "application/vnd.github+json", "content-type": "application/json", "x-github-api-version": "2022-11-28" };
    const request = async (url: string, init: { method?: string; body?: string } = {}) => {
        const response = await call(url, { ...init, headers });
        if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: HTTP ${response.status} ${await response.text()}`);
        return response.json();
    };
    const marker = markerOf(options.stack);
    const author = options.author ?? workflowBot;
    const ours = (c: IssueComment) => c.body?.startsWith(marker) === true && c.user?.login === author && c.user?.type === "Bot";
    for (let page = 1; ; page++) {
        const comments = (await request(`${api}/repos/${options.repository}/issues/${options.pr}/comments?per_page=100&page=${page}`)) as IssueComment[];
        const mine = comments.find(ours);
        if (mine) {
            await request(`${api}/repos/${options.repository}/issues/comments/${mine.id}`, { method: "PATCH", body: JSON.stringify({ body: options.body }) });
            return "updated";
        }
        if (comments.length < 100) break;
    }
    await request(`${api}/repos/${options.repository}/issues/${options.pr}/comments`, { method: "POST", body: JSON.stringify({ body: options.body }) });
    return "created";
}

export const commentUsage = "usage: preview-comment.ts <stack> <preview.txt> [<guard.txt>] [<diagram.json>], with GITHUB_TOKEN, GITHUB_REPOSITORY and PR_NUMBER set";

/** What the command was given, or undefined when an argument or one of GitHub's variables is missing. */
export function commentArguments(argv: readonly string[], env: NodeJS.ProcessEnv) {
    const [stack, previewFile, guardFile, diagramFile] = argv;
    const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository, PR_NUMBER: pr, PREVIEW_COMMENT_AUTHOR: author } = env;
    if (!stack || !previewFile || !token || !repository || !pr) return undefined;
    return { stack, previewFile, guardFile, diagramFile, token, repository, pr, author };
}

async function main(): Promise<number> {
    const args = commentArguments(process.argv.slice(2), process.env);
    if (!args) {
        console.error(commentUsage);
        return 1;
    }
    const { stack, previewFile, guardFile, diagramFile, token, repository, pr, author } = args;
    const guard = guardFile && fs.existsSync(guardFile) ? fs.readFileSync(guardFile, "utf8") : undefined;
    const diagram = diagramFile && fs.existsSync(diagramFile) ? fs.readFileSync(diagramFile, "utf8") : undefined;
    const done = await upsertComment({ repository, pr, token, stack, author: author || undefined, body: commentBody(stack, fs.readFileSync(previewFile, "utf8"), guard, diagram) });
    console.log(`Preview comment for ${stack} ${done}.`);
    return 0;
}

if (require.main === module) main().then((code) => process.exit(code), (error) => { console.error(error); process.exit(1); });
