// The sandbox from a real browser (Debian's Chromium, driven by playwright-core): the demo page
// signs up, confirms, signs in with SRP, refreshes and signs out through Amplify in the page, from
// another origin than the endpoint's (localhost against 127.0.0.1), so every call passes the CORS
// preflight a browser sends; and signs in through the hosted UI with the code flow and PKCE, in
// Arabic, and with Amplify's own signInWithRedirect (https on the sandbox's port). One browser for the file; a screenshot of each failed test in .build/screenshots/.
// Where no Chromium is installed the tests say so and skip, except in CI (CI=true), where they fail.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import { projectRoot } from "../../tools/harness/stack-file";
import { goodPassword, rejectsWith, sandboxPerFile, uniqueEmail } from "./support";

/** CHROMIUM_PATH, Debian's Chromium (.ci/run installs it), or the Chrome a GitHub runner has. */
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/google-chrome"].find((p): p is string => !!p && fs.existsSync(p)) ?? "/usr/bin/chromium";
// The sandbox's https (for Amplify's redirect sign-in) has a self-signed certificate: accepted here as a developer accepts it once.
const chromiumFlags = ["--ignore-certificate-errors", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const screenshots = path.join(projectRoot, ".build", "screenshots");

describe("e2e: a real browser", function () {
    this.timeout(60_000);
    const e2e = sandboxPerFile();
    let browser: Browser | undefined;
    let page: Page;

    before(async function () {
        if (!fs.existsSync(executablePath)) {
            const reason = "no Chromium at /usr/bin/chromium nor Chrome at /usr/bin/google-chrome (apt-get install chromium, or set CHROMIUM_PATH)";
            if (process.env.CI) throw new Error(`CI must run the browser tests: ${reason}`);
            console.log(`      skipped: ${reason}`);
            this.skip();
        }
        const { chromium } = await import("playwright-core");
        browser = await chromium.launch({ executablePath, args: chromiumFlags });
    });
    after(async () => browser?.close());
    beforeEach(async () => {
        page = await browser!.newPage();
    });
    afterEach(async function () {
        if (this.currentTest?.state === "failed") {
            fs.mkdirSync(screenshots, { recursive: true });
            const file = path.join(screenshots, `${this.currentTest.title.replace(/\W+/g, "-").slice(0, 80)}.png`);
            await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
            console.log(`      screenshot: ${file}`);
        }
        await page.close();
    });

    /** The demo page from localhost: another origin than the endpoint (127.0.0.1), so the page's calls are cross-origin. */
    async function openDemo(): Promise<void> {
        await page.goto(e2e.sandbox.demoUrl.replace("//127.0.0.1:", "//localhost:"));
        await page.waitForSelector("body[data-ready=true]");
    }
    const demo = <T>(call: string, ...args: unknown[]) => page.evaluate(([c, a]) => (window as any).sandboxDemo[c as string](...(a as unknown[])), [call, args] as const) as Promise<T>;

    it("Amplify in the page, cross-origin: sign-up, confirmation, SRP sign-in, the ID token's attributes, refresh, sign-out revoking the tokens", async () => {
        await openDemo();
        // Another origin than the endpoint's: each call below passed the browser's CORS checks (preflight included).
        assert.notStrictEqual(await page.evaluate(() => location.origin), new URL(e2e.sandbox.endpoint).origin);
        const email = uniqueEmail("browser");
        assert.deepStrictEqual(await demo("signUp", email, goodPassword), { isSignUpComplete: false, userId: (await e2e.usersWithEmail(email))[0].Username, nextStep: { signUpStep: "CONFIRM_SIGN_UP", codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: email, attributeName: "email" } } });
        await demo("confirm", email, e2e.lastMessageTo(email).code);
        assert.deepStrictEqual(await demo("signIn", email, goodPassword), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
        const first = await demo<{ id: Record<string, unknown>; accessJti: string; identityId?: string; credentials?: { accessKeyId: string; sessionToken: string } }>("session");
        assert.deepStrictEqual([first.id.email, first.id.email_verified, first.id.app_roles, first.id.iss], [email, true, ["readers"], e2e.sandbox.issuer]);
        // The identity pool (dev: web and mobile clients): an identity and clearly fake credentials for the authenticated role.
        assert.match(first.identityId ?? "", /^eu-central-1:[0-9a-f-]{36}$/);
        assert.match(first.credentials?.accessKeyId ?? "", /^ASIASANDBOX/);
        assert.strictEqual(JSON.parse(Buffer.from(first.credentials!.sessionToken, "base64").toString("utf8")).role, "arn:aws:iam::123456789012:role/identity-authenticated");
        const refreshed = await demo<{ accessJti: string }>("session", true);
        assert.notStrictEqual(refreshed.accessJti, first.accessJti, "the access token was not refreshed");

        const accessToken = await page.evaluate(async () => {
            const raw = Object.entries(localStorage).find(([k]) => k.endsWith(".accessToken"));
            return raw?.[1];
        });
        assert.ok(accessToken, "Amplify kept no access token");
        assert.strictEqual(await demo("signOut"), "signed out");
        // Amplify's sign-out revoked the refresh token's session: its access token is refused too.
        await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: accessToken })), "NotAuthorizedException", "Access Token has been revoked");
    });

    it("Amplify's signInWithRedirect: to the hosted UI over https on the sandbox's port, signed in, back to the page, which Amplify completes", async () => {
        const user = await e2e.signUpAndConfirm({ email: uniqueEmail("redirect") });
        await openDemo();
        await page.click("#amplify-redirect");
        await page.waitForURL(/^https:\/\/127\.0\.0\.1:\d+\/login\?/);
        await page.fill("#username", user.email);
        await page.fill("#password", goodPassword);
        await page.click("button[type=submit]");
        await page.waitForFunction(() => document.getElementById("out")?.textContent?.includes("amplifyRedirect"));
        const result = JSON.parse((await page.textContent("#out"))!);
        assert.deepStrictEqual([result.amplifyRedirect, result.id?.email, result.id?.sub], [true, user.email, user.username]);
    });

    it("the hosted UI in Arabic (right to left): code flow with PKCE back to the demo page, tokens for the requested scopes", async () => {
        const user = await e2e.signUpAndConfirm({ email: uniqueEmail("hosted"), locale: "ar" });
        await openDemo();
        await page.click("#hosted-ar");
        await page.waitForURL(/\/login\?/);
        assert.deepStrictEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ["ar", "rtl"]);
        await page.fill("#username", user.email);
        await page.fill("#password", "wrong password, long enough");
        await page.click("button[type=submit]");
        assert.strictEqual(await page.textContent("#error"), "Incorrect username or password.");
        await page.fill("#username", user.email);
        await page.fill("#password", goodPassword);
        await page.click("button[type=submit]");
        await page.waitForFunction(() => document.getElementById("out")?.textContent?.includes("hosted"));
        const result = JSON.parse((await page.textContent("#out"))!);
        assert.deepStrictEqual([result.hosted, result.id.email, result.id.locale, result.id.sub, result.scope], [true, user.email, "ar", user.username, "openid email profile"]);
    });
});
