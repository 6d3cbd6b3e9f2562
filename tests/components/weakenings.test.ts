import * as assert from "assert";
import { resolveStack } from "../../components/preflight";
import * as fs from "fs";
import * as path from "path";
import { borrowedStage, securityWeakenings, settingsWithoutEffect } from "../../components/weakenings";
import { loadStackConfig } from "../../config";
import { planStack } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";
import { planEdited } from "../support/harness";

const config = (values: Record<string, unknown>) =>
    loadStackConfig({ namespace: "cognito", source: "test", stackName: "test", values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)])), aws: { region: "eu-central-1" }, secretKeys: new Set() });

describe("security weakenings", () => {
    it("finds none in the secure defaults, in either stage", () => {
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "dev" })), "cognito"), []);
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "prod", userPool: { email: { sender: "ses", from: "a@b.example", sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/b.example" } } })), "cognito"), []);
    });

    it("names each weakened prod default with its key", () => {
        const found = securityWeakenings(resolveStack(config({
            stage: "prod",
            userPool: { passwordPolicy: { minimumLength: 8 }, mfa: { mode: "OPTIONAL" }, deletionProtection: "INACTIVE", protect: false, retainOnDelete: false, featurePlan: "PLUS", threatProtection: { mode: "AUDIT" } },
            clients: [
                { name: "web", kind: "web", callbackUrls: ["https://a.example.com/"], authFlows: ["srp", "password"], allowImplicitGrant: true, refreshTokenRotation: false, tokenValidity: { idMinutes: 120, refreshDays: 90 } },
                { name: "kiosk", kind: "web", callbackUrls: ["https://k.example.com/"], tokenValidity: { refreshMinutes: 50000 } },
            ],
            identityPool: { allowGuests: true },
        })), "cognito");
        assert.deepStrictEqual(found, [
            "cognito:userPool.passwordPolicy.minimumLength is 8, below 15 (NIST SP 800-63B rev 4)",
            "cognito:userPool.mfa.mode is OPTIONAL in prod, where the default is ON",
            "cognito:userPool.deletionProtection is INACTIVE in prod: the pool and every user in it can be deleted",
            "cognito:userPool.protect is false in prod: Pulumi may delete or replace the pool",
            "cognito:userPool.retainOnDelete is false in prod: `pulumi destroy` deletes the pool",
            `cognito:userPool.email.sender is "cognito" in prod: Cognito's sender is capped at a few emails a day`,
            "cognito:userPool.threatProtection.mode is AUDIT in prod on the Plus plan, where it could block risky sign-ins",
            `cognito:clients[0].authFlows includes "password": the password itself is sent instead of an SRP proof`,
            "cognito:clients[0].allowImplicitGrant is true: tokens travel in the URL",
            "cognito:clients[0].refreshTokenRotation is false: a stolen refresh token stays valid until it expires",
            "cognito:clients[0].tokenValidity.idMinutes is 120, above the default 60",
            "cognito:clients[0].tokenValidity.refreshDays is 90, above the default 30",
            "cognito:clients[1].tokenValidity.refreshMinutes is 50000, above the default 43200 (30 days)",
            "cognito:identityPool.allowGuests is true: signed-out visitors get AWS credentials",
        ]);
    });

    it("judges a stage on prod's stage defaults as prod, naming the stage and the defaults it takes", () => {
        const found = securityWeakenings(resolveStack(config({ stage: "staging", userPool: { mfa: { mode: "OPTIONAL" }, protect: false } })), "cognito");
        assert.deepStrictEqual(found, [
            "cognito:userPool.mfa.mode is OPTIONAL in staging (stageDefaults prod), where the default is ON",
            "cognito:userPool.protect is false in staging (stageDefaults prod): Pulumi may delete or replace the pool",
            `cognito:userPool.email.sender is "cognito" in staging (stageDefaults prod): Cognito's sender is capped at a few emails a day`,
        ]);
    });

    it("names a stage other than dev that takes dev's stage defaults, and nothing for dev itself", () => {
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "staging", stageDefaults: "dev" })), "cognito"), [
            `cognito:stageDefaults is "dev" in stage "staging", where the default is "prod": dev's defaults fill what the stack file leaves out (MFA optional, no deletion protection, the pool neither protected nor retained), dev's rules apply (auto-confirmed sign-ups allowed), and so does dev's policy config unless policy/config/staging.json exists`,
        ]);
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "dev", stageDefaults: "dev" })), "cognito"), []);
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "dev", stageDefaults: "prod", userPool: { email: { sender: "ses", from: "a@b.example", sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/b.example" } } })), "cognito"), []);
    });

    it("names an OIDC provider whose email_verified the stack maps", () => {
        const found = securityWeakenings(resolveStack(config({ stage: "dev", identityProviders: [{ type: "oidc", name: "Partner", clientId: "p", issuer: "https://login.partner.example", attributeMapping: { email_verified: "email_verified" } }] })), "cognito");
        assert.deepStrictEqual(found, [`cognito:identityProviders[0].attributeMapping.email_verified is mapped from "Partner": the pool then trusts that provider's word that it owns each address it asserts`]);
    });

    it("names a client whose users may write a verification flag", () => {
        const found = securityWeakenings(resolveStack(config({ stage: "dev", clients: [{ name: "web", kind: "web", callbackUrls: ["https://a.example.com/"], writeAttributes: ["email", "email_verified"] }] })), "cognito");
        assert.deepStrictEqual(found, [`cognito:clients[0].writeAttributes includes "email_verified": users of this client can mark an address or number they never proved as verified`]);
    });

    it("names each provider that links accounts, and protected groups narrower than the default", () => {
        const groups = [{ name: "admins", precedence: 0 }, { name: "editors", precedence: 10 }, { name: "readers" }];
        const identityProviders = [{ type: "google", clientId: "g", linkToExistingUsers: true }, { type: "facebook", clientId: "f" }];
        const triggers = { preSignUp: { protectedGroups: ["editors"] }, preAuthentication: { requiredGroups: { admin: ["admins", "editors"] } } };
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "dev", userPool: { groups }, identityProviders, triggers })), "cognito"), [
            `cognito:identityProviders[0].linkToExistingUsers is true: a "Google" sign-up with the verified address of a native user joins that account, entering it without its password or MFA (never for members of "editors")`,
            `cognito:triggers.preSignUp.protectedGroups leaves out "admins", protected by default: their members can be linked to a federated identity`,
        ]);
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", identityProviders }), "cognito"), [
            "cognito:identityProviders[0].linkToExistingUsers is never used: accounts are linked by the pre sign-up trigger, and triggers.preSignUp is not set",
            "cognito:identityProviders has no effect: federated sign-in goes through the hosted sign-in domain, and cognito:domain is not set",
        ]);
    });

    it("says when identity providers cannot be reached, and which user clients an explicit identity pool list leaves out", () => {
        const identityProviders = [{ type: "google", clientId: "g" }];
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", identityProviders, domain: { prefix: "news-dev-example" } }), "cognito"), []);
        const clients = [
            { name: "web", kind: "web", callbackUrls: ["https://a.example.com/"] },
            { name: "mobile", kind: "native", callbackUrls: ["news://callback"] },
            { name: "ingest", kind: "server", scopes: [] },
        ];
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", clients, identityPool: { clients: ["web"] } }), "cognito"), [
            `cognito:clients "mobile" gets no AWS credentials: it is not in cognito:identityPool.clients (web)`,
        ]);
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", clients, identityPool: {} }), "cognito"), [], "no explicit list: every user client");
    });

    it("says when a group role can never be used", () => {
        const groups = [{ name: "editors", precedence: 10, roleArn: "arn:aws:iam::123456789012:role/editors" }, { name: "readers" }];
        const line = "cognito:userPool.groups[0].roleArn is never used: group roles reach users only through identityPool.roleMapping { type: token }";
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", userPool: { groups } }), "cognito"), [line]);
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", userPool: { groups }, identityPool: { roleMapping: { type: "rules", rules: [{ claim: "cognito:groups", value: "x", roleArn: "arn:aws:iam::123456789012:role/x" }] } } }), "cognito"), [line]);
        assert.deepStrictEqual(settingsWithoutEffect(config({ stage: "dev", userPool: { groups }, identityPool: { roleMapping: { type: "token" } } }), "cognito"), []);
    });

    it("flags MFA off in any stage", () => {
        assert.deepStrictEqual(securityWeakenings(resolveStack(config({ stage: "dev", userPool: { mfa: { mode: "OFF" } } })), "cognito"), ["cognito:userPool.mfa.mode is OFF: no user can add a second factor"]);
    });

    it("shows them as warnings of the run, as `pulumi preview` would", async () => {
        const plan = await planEdited("dev", { userPool: (pool) => ({ ...pool, passwordPolicy: { minimumLength: 10 } }) });
        assert.deepStrictEqual(plan.warnings.filter((w) => !w.includes("linkToExistingUsers")), [
            "security default weakened on purpose: cognito:userPool.passwordPolicy.minimumLength is 10, below 15 (NIST SP 800-63B rev 4)",
            `setting without effect: cognito:clients "admin" gets no AWS credentials: it is not in cognito:identityPool.clients (web, mobile)`,
        ]);
        assert.strictEqual(plan.warnings.length, 3, "and the dev stack's own Google linking");
    });
});

describe("a stack that borrows the dev stage", () => {
    it("is said when a stack other than dev names the stage dev (a copied Pulumi.dev.yaml), and not for dev itself or another stage", () => {
        const line = `cognito:stage is "dev" in stack "prod-us": it takes dev's defaults (MFA optional, no deletion protection, the pool neither protected nor retained) and dev's policy config; remove the key to make the stage "prod-us" with prod's defaults, or keep it on purpose`;
        assert.deepStrictEqual(borrowedStage({ stage: "dev" } as never, "prod-us", "cognito"), [line]);
        assert.deepStrictEqual(borrowedStage({ stage: "dev" } as never, "dev", "cognito"), []);
        assert.deepStrictEqual(borrowedStage({ stage: "prod-us" } as never, "prod-us", "cognito"), []);
    });

    it("reaches the plan's warnings", async () => {
        const file = path.join(projectRoot, `Pulumi.copied-dev-${process.pid}.yaml`);
        fs.copyFileSync(path.join(projectRoot, "Pulumi.dev.yaml"), file);
        try {
            const plan = await planStack(`copied-dev-${process.pid}`);
            assert.ok(plan.warnings.some((w) => w.startsWith(`security default weakened on purpose: cognito:stage is "dev" in stack "copied-dev-${process.pid}"`)), plan.warnings.join("\n"));
        } finally {
            fs.rmSync(file);
        }
    });
});
