// The demo page (`/demo`): a newcomer's first look, in a browser, at the stack's sign-up and
// sign-in working offline, with Amplify and through the hosted UI. Its script is bundled from
// aws-amplify by esbuild at the first request (so the sandbox starts without it), then kept.
import * as path from "path";
import type { SandboxContext } from "../context";
import type { HttpReply } from "../gateway";
import { escapeHtml } from "../hosted-ui/pages";
import { frontEndClient } from "./config-files";

let bundle: Promise<string> | undefined;

function demoScript(): Promise<string> {
    bundle ??= (async () => {
        const esbuild = await import("esbuild");
        const result = await esbuild.build({
            entryPoints: [path.join(__dirname, "demo-app.ts")], bundle: true, format: "iife", platform: "browser", target: "es2020",
            minify: true, write: false, logLevel: "silent", define: { global: "globalThis" },
        });
        return result.outputFiles[0].text;
    })();
    bundle.catch(() => (bundle = undefined));
    return bundle;
}

/** The redirect URIs of the demo page on the sandbox's own port (127.0.0.1 or localhost, http or https): callback and sign-out URLs every client also takes. */
export function demoUris(ctx: SandboxContext): string[] {
    const { port } = new URL(ctx.endpoint);
    return ["http", "https"].flatMap((scheme) => ["127.0.0.1", "localhost"].map((host) => `${scheme}://${host}:${port}/demo`));
}

export async function demoPage(ctx: SandboxContext, file: string): Promise<HttpReply> {
    if (file === "app.js") return { status: 200, headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" }, body: await demoScript() };
    const clientName = frontEndClient(ctx);
    const client = ctx.clients.get(ctx.clientIds[clientName])!;
    const config = {
        endpoint: ctx.endpoint, region: ctx.model.region, userPoolId: ctx.poolId, clientId: ctx.clientIds[clientName], identityPoolId: ctx.identityPool?.id,
        scopes: client.oauthScopes.filter((s) => ["openid", "email", "profile", "phone"].includes(s)),
        hostedUi: Boolean(ctx.model.hostedUi && client.oauthFlows.includes("code")),
    };
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox demo: ${escapeHtml(ctx.model.stack)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 12px}input{margin:4px}pre{background:#f4f4f4;padding:12px;white-space:pre-wrap}</style>
<script>window.SANDBOX = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script></head><body>
<h1>Sandbox of stack ${escapeHtml(ctx.model.stack)}, client ${escapeHtml(clientName)}</h1>
<p>Amplify talks to <code>${escapeHtml(ctx.endpoint)}</code>. Codes are printed in the terminal running <code>npm run sandbox</code>.</p>
<p><input id="email" type="email" placeholder="email"> <input id="password" type="password" placeholder="password"> <input id="code" placeholder="code"></p>
<p><button id="sign-up">Sign up</button> <button id="confirm">Confirm</button> <button id="sign-in">Sign in (SRP)</button>
<button id="session">Tokens</button> <button id="refresh">Refresh</button> <button id="sign-out">Sign out</button></p>
${config.hostedUi ? `<p><button id="hosted">Sign in with the hosted UI</button> <button id="hosted-ar">بالعربية</button>
<button id="amplify-redirect">Amplify's signInWithRedirect</button> (https on the same port: accept its self-signed certificate once, at <a href="${escapeHtml(ctx.endpoint.replace("http:", "https:"))}/demo">https</a>)</p>` : "<p>The stack gives its pool no domain (or this client no code flow): no hosted UI.</p>"}
<pre id="out"></pre><script src="/demo/app.js"></script></body></html>`;
    return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body: html };
}
