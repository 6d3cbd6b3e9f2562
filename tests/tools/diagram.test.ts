// The trust map (`npm start -- <stack> --diagram`): its nodes and edges for the shipped stacks and
// for edits a reviewer must see (a new provider on the gated admin client, a wider grant, a replaced
// pool, guests), read back through Mermaid's own grammar; hostile names; SVG, text art, the README.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { changeDrawing, plainDrawing, type Drawing } from "../../tools/diagram/change-map";
import { drawingFromJson } from "../../tools/diagram/drawing-json";
import { grantSummary } from "../../tools/diagram/grant-summary";
import { markdownOf } from "../../tools/diagram/markdown";
import { mermaidOf } from "../../tools/diagram/mermaid";
import { readmeFile, readmeMaps, withMaps } from "../../tools/diagram/readme-maps";
import { signInLinkLines } from "../../tools/diagram/sign-in-links";
import { svgOf } from "../../tools/diagram/svg";
import { textArtOf } from "../../tools/diagram/text-art";
import { trustMap, type MapSource } from "../../tools/diagram/trust-map";
import { placeWarning } from "../../tools/diagram/warnings";
import { diffPlans } from "../../tools/guard/plan-diff";
import type { PlannedResource } from "../../tools/harness/run-program";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";
import { parsePlanArgs } from "../../tools/plan-args";
import { planEdited, types } from "../support/harness";
import { awsNativeTypes } from "../../policy/rules/type-tokens";
import { parseMermaid, type ParsedDiagram } from "../support/mermaid";

/** The change an edit of the prod stack makes, drawn against prod as shipped. */
async function changeOf(base: Plan, edits: Parameters<typeof planEdited>[1]): Promise<{ drawing: Drawing; parsed: ParsedDiagram; markdown: string }> {
    const head = await planEdited("prod", edits);
    const drawing = changeDrawing(trustMap(base), trustMap(head), diffPlans(base, head), "main");
    return { drawing, parsed: await parseMermaid(mermaidOf(drawing)), markdown: markdownOf(drawing) };
}

const labels = (edges: { label: string }[]) => edges.map((e) => e.label);

describe("trust map (npm start -- <stack> --diagram)", function () {
    this.timeout(60_000);
    let prod: Plan;
    let prodMap: ParsedDiagram;

    before(async () => {
        prod = await planStack("prod");
        prodMap = await parseMermaid(mermaidOf(plainDrawing(trustMap(prod))));
    });

    it("prod: who signs in through which provider to which client, the admin client's gate, who gets AWS credentials and what the role may do", () => {
        const m = prodMap;
        for (const client of ["client admin", "client web", "client mobile"]) assert.strictEqual(m.between("COGNITO", client).length, 1, `COGNITO -> ${client}`);
        for (const provider of ["Google", "Facebook", "SignInWithApple"]) {
            assert.strictEqual(m.between(provider, "client web").length, 1, `${provider} -> web`);
            assert.strictEqual(m.between(provider, "client mobile").length, 1, `${provider} -> mobile`);
            assert.deepStrictEqual(m.between(provider, "client admin"), [], `${provider} must not reach the admin client`);
        }
        assert.deepStrictEqual(labels(m.between("client admin", "group admins")), ["only members"]);
        assert.deepStrictEqual(labels(m.between("client admin", "group editors")), ["only members"]);
        assert.deepStrictEqual(m.between("client admin", "group readers"), []);
        assert.ok(m.byTitle("client admin").lines.includes("only members of admins, editors"));
        assert.ok(m.byTitle("client web").lines.includes("any user of the pool"));
        assert.deepStrictEqual(labels(m.between("client web", "Identity pool cognito_prod")), ["AWS credentials"]);
        assert.deepStrictEqual(labels(m.between("client mobile", "Identity pool cognito_prod")), ["AWS credentials"]);
        assert.deepStrictEqual([...m.between("client admin", "Identity pool cognito_prod"), ...m.between("client ingest", "Identity pool cognito_prod")], []);
        // prod maps roles from tokens, falling back to the authenticated role when a token names none.
        assert.deepStrictEqual(labels(m.between("Identity pool cognito_prod", "role identity-authenticated")), ["signed-in users without a mapped role"]);
        assert.deepStrictEqual(m.byTitle("role identity-authenticated").lines.slice(1), ["S3 news-prod-user-uploads: own prefix, read/write", "DynamoDB news-prod-reading-lists: own items, read/write"]);
        assert.ok(m.byTitle("Identity pool cognito_prod").lines.includes("no guests"));
        assert.ok(!m.vertices.some((v) => v.lines[0] === "Signed-out visitors"), "no guests node");
        assert.deepStrictEqual(labels(m.between("Google", "COGNITO")), ["joins accounts with its verified address"]);
        assert.deepStrictEqual(m.between("Facebook", "COGNITO"), [], "Facebook does not link");
    });

    it("prod: the triggers with what they decide, the domain, and each warning on the element it concerns", () => {
        const m = prodMap;
        assert.deepStrictEqual(m.vertices.filter((v) => /^(pre|post|custom|user|define|create|verify) /.test(v.lines[0])).map((v) => v.lines[0]).sort(), ["custom message", "post authentication", "post confirmation", "pre sign-up", "pre token generation (V2)"]);
        assert.ok(m.byTitle("pre token generation (V2)").lines.includes("client gate: admin: admins, editors"));
        assert.ok(m.byTitle("pre sign-up").lines.includes("links sign-ups of Google, SignInWithApple into native accounts"));
        assert.ok(m.byTitle("post confirmation").lines.includes("new users join readers"));
        assert.deepStrictEqual(m.byTitle("Hosted sign-in").lines.slice(1), ["https://auth.news.example.com/login", "custom domain, classic hosted UI", "sign-in links in en, ar: admin, web"]);
        assert.deepStrictEqual(labels(m.between("Hosted sign-in", "client web")), ["sign-in page"]);
        assert.ok(m.byTitle("User pool news-prod").lines.includes("kept by protect, retainOnDelete, deletion protection"));
        assert.ok(m.byTitle("User pool news-prod").lines.includes("MFA ON (TOTP)"));
        for (const provider of ["Google", "SignInWithApple"]) {
            const v = m.byTitle(provider);
            assert.ok(v.lines.includes("⚠ weakened: linkToExistingUsers is true"), v.lines.join(" / "));
            assert.deepStrictEqual(v.classes, ["warned"]);
        }
        assert.ok(m.byTitle("client admin").lines.includes('⚠ no effect: "admin" gets no AWS credentials'));
        assert.deepStrictEqual(m.byTitle("Facebook").classes, []);
        // Every warning of the plan is on some element.
        const marks = m.vertices.flatMap((v) => v.lines.filter((l) => l.startsWith("⚠ ")));
        assert.strictEqual(marks.length, prod.warnings.length, `${marks.join("\n")}\nagainst\n${prod.warnings.join("\n")}`);
    });

    it("dev: the prefix domain, Google alone, the auto-confirmed test domain, a role without DynamoDB", async () => {
        const m = await parseMermaid(mermaidOf(plainDrawing(trustMap(await planStack("dev")))));
        assert.ok(m.byTitle("Hosted sign-in").lines.includes("https://news-dev-example.auth.eu-central-1.amazoncognito.com/login"));
        assert.ok(m.byTitle("pre sign-up").lines.includes("confirms without a code: test.news.example.com"));
        assert.deepStrictEqual(m.byTitle("role identity-authenticated").lines.slice(1), ["S3 news-dev-user-uploads: own prefix, read/write"]);
        assert.ok(m.byTitle("User pool news-dev").lines.includes("not protected from deletion"));
        assert.deepStrictEqual(m.vertices.filter((v) => m.edges.some((e) => e.from === v.id && e.to === m.byTitle("client web").id)).map((v) => v.lines[0]).sort(), ["COGNITO", "Google", "Hosted sign-in"]);
    });

    it("a new identity provider on the gated admin client is drawn and said as a widening", async () => {
        const { parsed, markdown } = await changeOf(prod, { clients: (clients: any[]) => clients.map((c) => (c.name === "admin" ? { ...c, identityProviders: ["COGNITO", "Google"] } : c)) });
        const [edge, ...more] = parsed.between("Google", "client admin");
        assert.deepStrictEqual([edge, more], [{ from: parsed.byTitle("Google").id, to: parsed.byTitle("client admin").id, label: "WIDENS", stroke: "thick" }, []]);
        const admin = parsed.byTitle("client admin");
        assert.deepStrictEqual([admin.lines[0], admin.classes], ["CHANGED client admin", ["widened"]]);
        assert.ok(admin.lines.includes("⚠ WIDENS: Google now reaches client admin, a gated client (only members of admins, editors)"), admin.lines.join(" / "));
        assert.ok(markdown.includes("- ⚠ `Google now reaches client admin, a gated client (only members of admins, editors)`"), markdown);
        // Nothing else is marked.
        assert.deepStrictEqual(parsed.vertices.filter((v) => v.classes.some((c) => c !== "warned")).map((v) => v.lines[0]), ["CHANGED client admin"]);
        assert.deepStrictEqual(parsed.edges.filter((e) => e.stroke === "thick").length, 1);
    });

    it("the client gate dropped from the token function's settings by a transform (which the pack cannot tell from no gate) is drawn as the admin client opened to every user", async () => {
        const head = await planStack("prod", {
            transforms: {
                triggers: {
                    function: (args, _opts, name) => {
                        if (name !== "main-pre-token-generation-function") return;
                        const variables = (args.environment as { variables: Record<string, string> }).variables;
                        variables.TRIGGER_SETTINGS = JSON.stringify({ ...JSON.parse(variables.TRIGGER_SETTINGS), requiredGroups: {} });
                    },
                },
            },
        });
        const drawing = changeDrawing(trustMap(prod), trustMap(head), diffPlans(prod, head), "main");
        const admin = (await parseMermaid(mermaidOf(drawing))).byTitle("client admin");
        assert.ok(admin.lines.includes("⚠ WIDENS: any user of the pool") && admin.lines.includes("- only members of admins, editors"), admin.lines.join(" / "));
        assert.ok(markdownOf(drawing).includes("- ⚠ `client admin: any user of the pool`"));
    });

    it("a wider grant for signed-in users (every object of the bucket) widens the role", async () => {
        const { parsed, markdown } = await changeOf(prod, {
            identityPool: (pool: any) => ({ ...pool, authenticated: { ...pool.authenticated, statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::news-prod-user-uploads/*"] }] } }),
        });
        const role = parsed.byTitle("role identity-authenticated");
        assert.deepStrictEqual(role.classes, ["widened"]);
        assert.ok(role.lines.includes("+ S3 news-prod-user-uploads: every object, read"), role.lines.join(" / "));
        assert.ok(role.lines.includes("⚠ WIDENS: S3 news-prod-user-uploads: every object: read"), role.lines.join(" / "));
        assert.ok(markdown.includes("Widens (someone gets more than before):\n- ⚠ `role identity-authenticated: S3 news-prod-user-uploads: every object: read`"), markdown);
    });

    it("a change that replaces the pool draws it in red, says every user would be lost, and lists it first", async () => {
        const { parsed, markdown } = await changeOf(prod, { userPool: (pool: any) => ({ ...pool, signInWith: ["username", "email"] }) });
        const pool = parsed.byTitle("User pool news-prod");
        assert.deepStrictEqual(pool.classes, ["replaced"]);
        assert.deepStrictEqual(pool.lines.slice(0, 3), ["REPLACED User pool news-prod", "every user and password hash would be lost", "+ sign-in: username, alias email"]);
        assert.ok(pool.lines.includes("- sign-in: email as username"));
        // Whatever takes the pool's id is replaced with it: the clients get new ids.
        assert.deepStrictEqual(parsed.byTitle("client web").classes, ["replaced"]);
        assert.match(markdown, /Replaced \(a new resource, new ids\):\n- ⛔ `User pool news-prod`\n/);
        // The identity pool is only updated (it trusts the new clients' ids): it keeps its own.
        assert.deepStrictEqual(parsed.byTitle("Identity pool cognito_prod").lines[0], "Identity pool cognito_prod");
    });

    it("the pool replaced and guests turned on: the pool red and listed first, the identity pool only changed though its role attachment is replaced", async () => {
        const { parsed, markdown } = await changeOf(prod, {
            userPool: (pool: any) => ({ ...pool, signInWith: ["username", "email"] }),
            identityPool: (pool: any) => ({ ...pool, allowGuests: true }),
        });
        assert.deepStrictEqual(parsed.byTitle("User pool news-prod").classes, ["replaced"]);
        const identityPool = parsed.byTitle("Identity pool cognito_prod");
        assert.deepStrictEqual([identityPool.lines[0], identityPool.classes], ["CHANGED Identity pool cognito_prod", ["widened"]]);
        assert.ok(identityPool.lines.includes("⛔ role attachment replaced"), identityPool.lines.join(" / "));
        const listed = markdown.slice(markdown.indexOf("Replaced (a new resource, new ids):"), markdown.indexOf("\n\n", markdown.indexOf("Replaced (")));
        assert.match(listed, /^Replaced \(a new resource, new ids\):\n- ⛔ `User pool news-prod`\n/);
        assert.ok(!listed.includes("Identity pool"), listed);
    });

    it("guests turned on: signed-out visitors reach a guest role, said as widenings, the weakening on the guests", async () => {
        const { drawing, parsed, markdown } = await changeOf(prod, { identityPool: (pool: any) => ({ ...pool, allowGuests: true, guest: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::news-prod-public/*"] }] } }) });
        const guests = parsed.byTitle("Signed-out visitors");
        assert.deepStrictEqual([guests.lines[0], guests.classes], ["NEW Signed-out visitors", ["added"]]);
        assert.ok(guests.lines.includes("⚠ weakened: allowGuests is true"), guests.lines.join(" / "));
        assert.deepStrictEqual(labels(parsed.between("Signed-out visitors", "Identity pool cognito_prod")), ["WIDENS: guest credentials"]);
        assert.deepStrictEqual(parsed.byTitle("role identity-guest").lines.slice(1), ["S3 news-prod-public: every object, read", "⚠ WIDENS: Identity pool cognito_prod now reaches role identity-guest (guests)"]);
        assert.ok(markdown.includes("`Identity pool cognito_prod: guests get credentials`"), markdown);
        // The identity pool is updated in place (new ids nowhere); only its role attachment is replaced.
        const identityPool = parsed.byTitle("Identity pool cognito_prod");
        assert.deepStrictEqual([identityPool.lines[0], identityPool.classes], ["CHANGED Identity pool cognito_prod", ["widened"]]);
        assert.ok(identityPool.lines.includes("⛔ role attachment replaced"), identityPool.lines.join(" / "));
        assert.ok(!markdown.includes("Replaced (a new resource, new ids)"), markdown);
        assert.match(markdown, /, 0 replaced, /);
        // The pull-request comment redraws it from the preview job's data: the replaced part survives the trip, and is checked.
        const data = JSON.parse(JSON.stringify(drawing));
        assert.strictEqual(markdownOf(drawingFromJson(JSON.stringify(data))!), markdown);
        data.nodes.find((n: any) => n.title === "Identity pool cognito_prod").replacedParts = [1];
        assert.strictEqual(drawingFromJson(JSON.stringify(data)), undefined);
    });

    it("role mapping: a group's role through tokens, a rule's role, and rules that deny leave nobody the authenticated role", async () => {
        const role = "arn:aws:iam::123456789012:role/newsroom-editors";
        const token = await parseMermaid(mermaidOf(plainDrawing(trustMap(await planEdited("prod", { userPool: (p: any) => ({ ...p, groups: p.groups.map((g: any) => (g.name === "editors" ? { ...g, roleArn: role } : g)) }) })))));
        assert.deepStrictEqual(labels(token.between("group editors", "role newsroom-editors")), ["preferred role"]);
        assert.deepStrictEqual(token.byTitle("role newsroom-editors").lines.slice(1), ["outside this stack: its grants are not known here"]);
        const rules = await parseMermaid(mermaidOf(plainDrawing(trustMap(await planEdited("prod", { identityPool: (p: any) => ({ ...p, roleMapping: { type: "rules", rules: [{ claim: "cognito:preferred_role", value: role, roleArn: role }] } }) })))));
        assert.deepStrictEqual(labels(rules.between("Identity pool cognito_prod", "role newsroom-editors")), [`cognito:preferred_role Equals ${role}`]);
        assert.ok(!rules.vertices.some((v) => v.lines[0] === "role identity-authenticated"), "a rule that matches nobody gives no role: Deny");
        assert.ok(rules.byTitle("Identity pool cognito_prod").lines.includes("no role picked: denied"));
    });

    it("no change: nothing marked, said in one line, the diagram collapsed", async () => {
        const drawing = changeDrawing(trustMap(prod), trustMap(prod), [], "main");
        const parsed = await parseMermaid(mermaidOf(drawing));
        assert.deepStrictEqual(parsed.vertices.filter((v) => v.classes.some((c) => c !== "warned")), []);
        const markdown = markdownOf(drawing);
        assert.ok(markdown.startsWith("**Trust map of `prod`:** no change from `main`.\n\n<details><summary>Trust map diagram (20 elements)</summary>\n\n```mermaid\n"), markdown.slice(0, 300));
    });

    it("hostile names stay text: no extra node or edge, no fence break, no mention, no bidi reordering, escaped in SVG", async () => {
        const client = 'web"] --> evil["pwn';
        const group = "admins<script>\u202Eevil\u001b[2J";
        const provider = "Evil`]|x";
        const source = hostileStack(client, group, provider);
        const drawing = plainDrawing(trustMap(source));
        const text = mermaidOf(drawing);
        const parsed = await parseMermaid(text);
        assert.strictEqual(parsed.vertices.length, 6, parsed.vertices.map((v) => v.id).join(", "));
        assert.ok(!parsed.vertices.some((v) => v.id === "evil"));
        assert.deepStrictEqual(labels(parsed.between(`client ${client}`, "group admins<script>U+202EevilU+001B[2J")), ["only members"]);
        assert.strictEqual(parsed.between(provider, `client ${client}`).length, 1);
        assert.ok(!/[\u202E`]/.test(text) && !text.includes("<script"), text);
        const markdown = markdownOf({ ...drawing, unplaced: ["@everyone see ``` and <img src=x>"] });
        assert.strictEqual(markdown.split("\n").filter((l) => l.startsWith("```")).length, 2, markdown);
        assert.ok(markdown.includes("- `@everyone see ˋˋˋ and <img src=x>`"), markdown);
        const svg = await svgOf(drawing);
        assert.ok(!svg.includes("<script") && svg.includes("admins&lt;script&gt;U+202Eevil"), svg.slice(0, 500));
        // The terminal gets no escape sequence and no bidi control either.
        const art = await textArtOf(drawing);
        assert.ok(!/[\u001b\u202e]/.test(art) && art.includes("group admins‹script›U+202EevilU+001B［2J"), art);
    });

    it("reads other programs' resources too: aws-native spellings of the pool, client, identity pool, attachment and role", async () => {
        const resource = (type: string, name: string, outputs: Record<string, unknown>): PlannedResource => ({
            type, name, urn: `urn:pulumi:t::p::${type}::${name}`, custom: true, inputs: outputs, outputs, options: { protect: false, retainOnDelete: false, dependsOn: [] },
        });
        const roleArn = "arn:aws:iam::1:role/app-users";
        const map = trustMap({ stack: "native", warnings: [], resources: [
            resource(awsNativeTypes.userPool, "pool", { userPoolId: "eu-west-1_N", userPoolName: "native-pool", mfaConfiguration: "OFF" }),
            resource(awsNativeTypes.client, "app", { clientId: "c9", clientName: "app", allowedOAuthFlows: ["code"], supportedIdentityProviders: ["COGNITO"], callbackUrls: ["https://app.example.com/cb"] }),
            resource(awsNativeTypes.identityPool, "ids", { awsId: "eu-west-1:ip", identityPoolName: "native ids", allowUnauthenticatedIdentities: false, cognitoIdentityProviders: [{ clientId: "c9", providerName: "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_N" }] }),
            resource(awsNativeTypes.roleAttachment, "attach", { identityPoolId: "eu-west-1:ip", roles: { authenticated: roleArn } }),
            resource(awsNativeTypes.role, "users", { roleName: "app-users", arn: roleArn, policies: [{ policyName: "data", policyDocument: { Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "arn:aws:dynamodb:eu-west-1:1:table/notes" }] } }] }),
        ] });
        const m = await parseMermaid(mermaidOf(plainDrawing(map)));
        assert.ok(m.byTitle("User pool native-pool").lines.includes("MFA OFF"));
        assert.ok(m.byTitle("client app").lines.includes("returns to https://app.example.com/cb"));
        assert.strictEqual(m.between("COGNITO", "client app").length, 1);
        assert.deepStrictEqual(labels(m.between("client app", "Identity pool native ids")), ["AWS credentials"]);
        assert.deepStrictEqual(m.byTitle("role app-users").lines.slice(1), ["DynamoDB notes: every item, read"]);
    });

    it("places each warning on the element its stack-file key names", () => {
        const lists = { clients: ["web", "admin"], providers: ["Google", "Corp"], groups: ["admins", "readers"] };
        const at = (w: string) => placeWarning(w, lists);
        assert.deepStrictEqual(at("security default weakened on purpose: cognito:clients[1].allowImplicitGrant is true: tokens travel in the URL"), {
            target: { kind: "client", name: "admin" }, short: "weakened: allowImplicitGrant is true", full: "security default weakened on purpose: cognito:clients[1].allowImplicitGrant is true: tokens travel in the URL",
        });
        assert.deepStrictEqual(at("security default weakened on purpose: cognito:identityProviders[1].attributeMapping.email_verified is mapped from \"Corp\": ...").target, { kind: "provider", name: "Corp" });
        assert.deepStrictEqual(at("setting without effect: cognito:userPool.groups[1].roleArn is never used: ...").target, { kind: "group", name: "readers" });
        assert.deepStrictEqual(at("security default weakened on purpose: cognito:userPool.mfa.mode is OFF: no user can add a second factor").target, { kind: "pool" });
        assert.deepStrictEqual(at("security default weakened on purpose: cognito:triggers.preSignUp.protectedGroups leaves out \"editors\"").target, { kind: "trigger", name: "preSignUp" });
        assert.deepStrictEqual(at("security default weakened on purpose: cognito:identityPool.authenticated.statements[0].allowWildcards is true").target, { kind: "role", slot: "authenticated" });
        assert.deepStrictEqual(at("escape hatch used: UserPool \"main\" transforms its pool child \"main-pool\"; the component's own checks do not cover what the transform changes").target, { kind: "resource", name: "main-pool" });
        assert.deepStrictEqual(at("something nobody foresaw").target, { kind: "pool" });
    });

    it("a warning about a whole key (its value first, no field after it) keeps the key's name in its mark; one about a named element starts with the name", () => {
        const lists = { clients: ["web", "admin"], providers: [], groups: [] };
        assert.deepStrictEqual(placeWarning('security default weakened on purpose: cognito:stageDefaults is "dev" in stage "qa", where the default is "prod": dev\'s defaults fill what the stack file leaves out', lists), {
            target: { kind: "pool" }, short: 'weakened: stageDefaults is "dev" in stage "qa", where the default is "prod"', full: 'security default weakened on purpose: cognito:stageDefaults is "dev" in stage "qa", where the default is "prod": dev\'s defaults fill what the stack file leaves out',
        });
        assert.deepStrictEqual(placeWarning("setting without effect: cognito:domain is set twice: the second wins", lists), { target: { kind: "domain" }, short: "no effect: domain is set twice", full: "setting without effect: cognito:domain is set twice: the second wins" });
        assert.strictEqual(placeWarning("security default weakened on purpose: cognito:clients[1] is odd: because", lists).short, "weakened: clients[1] is odd");
        assert.deepStrictEqual(placeWarning('setting without effect: cognito:clients "admin" gets no AWS credentials: it is not in cognito:identityPool.clients (web)', lists).short, 'no effect: "admin" gets no AWS credentials');
    });

    it("sign-in links: the languages each client's link asks for (its lang), on the domain it opens; another host's, an unreadable one or another output shape says nothing", () => {
        const host = "auth.example.com";
        const link = (client: string, lang?: string, at = host) => `https://${at}/oauth2/authorize?client_id=${client}${lang ? `&lang=${lang}` : ""}`;
        assert.deepStrictEqual(signInLinkLines({ signInUrls: {
            web: { en: link("web", "en"), ar: link("web", "ar") },
            admin: { en: link("admin", "en"), ar: link("admin", "ar") },
            kiosk: { en: link("kiosk") },
            elsewhere: { en: link("elsewhere", "en", "evil.example.com") },
            broken: { en: "not a url", ar: 7 },
        } }, "Auth.Example.com"), ["sign-in links in en, ar: admin, web", "sign-in links in the default language: kiosk"]);
        const many = Object.fromEntries(["a", "b", "c", "d", "e"].map((c) => [c, { fr: link(c, "fr") }]));
        assert.deepStrictEqual(signInLinkLines({ signInUrls: many }, host), ["sign-in links in fr: a, b, c and 2 more"]);
        for (const outputs of [undefined, {}, { signInUrls: "https://auth.example.com/login" }, { signInUrls: [link("web", "en")] }]) assert.deepStrictEqual(signInLinkLines(outputs, host), [], JSON.stringify(outputs));
    });

    it("sums up grants: wildcards, items without a leading-key condition, NotAction, an unreadable policy, an AWS managed policy", () => {
        const role = { type: types.role, name: "r", urn: "urn:r", props: { name: "r", arn: "arn:aws:iam::1:role/r", inlinePolicies: [
            { name: "all", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) },
            { name: "items", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: ["dynamodb:Query"], Resource: "arn:aws:dynamodb:eu-central-1:1:table/t" } }) },
            { name: "not", policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" }] }) },
            { name: "broken", policy: "{" },
            { name: "wide", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: ["arn:*"] } }) },
        ], managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] } } as unknown as PolicyResource;
        const summary = grantSummary([role], role);
        assert.deepStrictEqual(summary.lines, [
            "every service: every resource, every action/every action but iam:*",
            "DynamoDB t: every item, read",
            "secretsmanager: every resource, read",
            "S3: every resource, every action",
            "s3-object-lambda: every resource, every action",
        ]);
        assert.deepStrictEqual(summary.unknown, ['inline policy "broken" cannot be read: not valid JSON']);
    });

    it("SVG (Graphviz) and text art (a lane per client) carry the same elements and marks", async () => {
        const drawing = plainDrawing(trustMap(prod));
        // Graphviz writes some characters (the hyphen) as character references.
        const svg = (await svgOf(drawing)).replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));
        assert.ok(svg.startsWith("<?xml") && svg.includes("</svg>"));
        for (const text of ["client admin", "only members", "S3 news-prod-user-uploads: own prefix, read/write", "⚠ weakened: linkToExistingUsers is true", "AWS credentials"]) assert.ok(svg.includes(text), `${text} missing from the SVG`);
        const art = await textArtOf(drawing);
        assert.match(art, /^Trust map of stack prod\n  User pool news-prod\n/);
        const lane = art.slice(art.indexOf("Who reaches client admin:"), art.indexOf("Who reaches client ingest:"));
        for (const text of ["COGNITO", "client admin", "group admins", "group editors", "only─members"]) assert.ok(lane.includes(text), `${text} missing from the admin lane:\n${lane}`);
        assert.ok(!lane.includes("Google"), lane);
        const web = art.slice(art.indexOf("Who reaches client web:"));
        for (const text of ["Google", "Identity pool cognito_prod", "S3 news-prod-user-uploads: own prefix, read/write"]) assert.ok(web.includes(text), `${text} missing from the web lane:\n${web}`);
    });

    it("the README shows the dev and prod maps as npm run diagrams writes them, and Mermaid's grammar accepts them", async () => {
        const readme = fs.readFileSync(readmeFile, "utf8");
        const maps = await readmeMaps();
        assert.ok(readme === withMaps(readme, maps), "README.md's trust maps are out of date: run npm run diagrams");
        for (const block of Object.values(maps)) await parseMermaid(block.replace(/^```mermaid\n|```$/g, ""));
        assert.throws(() => withMaps("no markers", maps), /README.md has no block for the dev trust map: put the lines <!-- trust-map:dev/);
    });

    it("--diagram takes a format, refuses an unknown one and --json beside it", () => {
        assert.deepStrictEqual(parsePlanArgs(["prod", "--diagram"]), { stack: "prod", allowReplace: false, json: false, base: undefined, diagram: "mermaid" });
        assert.deepStrictEqual(parsePlanArgs(["--diagram", "prod"]).stack, "prod");
        assert.deepStrictEqual(parsePlanArgs(["--diagram", "svg", "prod"]).diagram, "svg");
        assert.deepStrictEqual(parsePlanArgs(["--diagram=text"]).diagram, "text");
        assert.throws(() => parsePlanArgs(["--diagram=png"]), /^UsageError: --diagram takes mermaid, markdown, svg, text, json; got "png"\nusage: /);
        assert.throws(() => parsePlanArgs(["--diagram", "--json"]), /--json prints the plan and --diagram the trust map: choose one/);
    });

    it("as a command: prints the map alone, with the plan's exit code; by default, as npm start compares, the change from the last commit", () => {
        const plan = (...args: string[]) => spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/plan.ts"), "dev", "--diagram", ...args], { cwd: projectRoot, encoding: "utf8" });
        const alone = plan("--base", "none");
        assert.strictEqual(alone.status, 0, alone.stderr);
        assert.match(alone.stdout, /^%% Trust map of stack dev\. .*\nflowchart LR\n/);
        assert.ok(!alone.stdout.includes("Offline plan"), "the text plan is not printed");
        const compared = plan();
        assert.strictEqual(compared.status, 0, compared.stderr);
        assert.match(compared.stdout, /^%% Trust map of stack dev(, changes from .*)?\. .*\nflowchart LR\n/);
    });
});

/** A stack someone else wrote, with names chosen to break out of a label, a fence or a line. */
function hostileStack(client: string, group: string, provider: string): MapSource {
    const resource = (type: string, name: string, outputs: Record<string, unknown>): PlannedResource => ({
        type, name, urn: `urn:pulumi:t::p::${type}::${name}`, custom: true, inputs: outputs, outputs, options: { protect: false, retainOnDelete: false, dependsOn: [] },
    });
    const fn = "arn:aws:lambda:eu-central-1:1:function:gate";
    return {
        stack: "t",
        region: "eu-central-1",
        warnings: [],
        resources: [
            resource(types.userPool, "pool", { id: "eu-central-1_X", name: "p", lambdaConfig: { preTokenGeneration: fn } }),
            resource(types.lambdaFunction, "gate", { name: "gate", arn: fn, environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ requiredGroups: { [client]: [group] } }) } } }),
            resource(types.identityProvider, "idp", { providerName: provider, providerType: "OIDC", providerDetails: { oidc_issuer: "https://idp.example.com/#```" } }),
            resource(types.client, "client", { id: "c1", name: client, explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"], supportedIdentityProviders: [provider], callbackUrls: ["https://x.example.com/cb?a=``` @everyone"] }),
            resource(types.group, "group", { name: group, precedence: 0 }),
        ],
    };
}
