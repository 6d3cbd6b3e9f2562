/// <reference lib="dom" />
// The demo page's script, bundled for the browser (esbuild) from aws-amplify as an app would use it:
// sign-up, confirmation, SRP sign-in, refresh and sign-out through Amplify, and sign-in through the
// hosted UI (authorization code with PKCE, by hand, as any OIDC client does it). The page's
// buttons call these; tests call them too (window.sandboxDemo).
import { Amplify } from "aws-amplify";
import { confirmSignUp, fetchAuthSession, fetchUserAttributes, signIn, signInWithRedirect, signOut, signUp } from "aws-amplify/auth";
import "aws-amplify/auth/enable-oauth-listener";
import { Hub } from "aws-amplify/utils";

interface DemoConfig {
    readonly endpoint: string;
    readonly region: string;
    readonly userPoolId: string;
    readonly clientId: string;
    readonly identityPoolId?: string;
    readonly scopes: readonly string[];
    /** Whether the client has the hosted UI's code flow. */
    readonly hostedUi: boolean;
}

const config = (window as unknown as { SANDBOX: DemoConfig }).SANDBOX;
const identityPool = config.identityPoolId ? { identityPoolId: config.identityPoolId, identityPoolEndpoint: config.endpoint } : {};
// Amplify's redirect sign-in goes to https://<domain>: the sandbox answers https on its port too.
const oauth = config.hostedUi ? { loginWith: { oauth: { domain: new URL(config.endpoint).host, scopes: [...config.scopes], redirectSignIn: [`${location.origin}/demo`], redirectSignOut: [`${location.origin}/demo`], responseType: "code" } } } : {};
Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.clientId, userPoolEndpoint: config.endpoint, ...identityPool, ...oauth } as unknown as { userPoolId: string; userPoolClientId: string } } });

const out = (value: unknown) => {
    const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
    document.getElementById("out")!.textContent = text;
    return value;
};
const claimsOf = (token: string) => JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
const base64url = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const redirectUri = () => `${location.origin}/demo`;

const demo = {
    signUp: async (email: string, password: string) => out(await signUp({ username: email, password, options: { userAttributes: { email } } })),
    confirm: async (email: string, code: string) => out(await confirmSignUp({ username: email, confirmationCode: code })),
    signIn: async (email: string, password: string) => out(await signIn({ username: email, password })),
    /** The current ID token's claims (refreshed first when `refresh`), the access token's jti, and the identity pool's id and credentials when there is one. */
    session: async (refresh = false) => {
        const session = await fetchAuthSession({ forceRefresh: refresh });
        return out({
            id: session.tokens?.idToken?.payload, accessJti: session.tokens?.accessToken.payload.jti,
            identityId: session.identityId, credentials: session.credentials && { accessKeyId: session.credentials.accessKeyId, sessionToken: session.credentials.sessionToken },
        });
    },
    attributes: async () => out(await fetchUserAttributes()),
    signOut: async () => out((await signOut(), "signed out")),
    /** Amplify's own hosted UI sign-in (https), completed by Amplify when the browser comes back. */
    amplifyRedirect: async (lang = "en") => signInWithRedirect({ options: { lang: lang as "en" } }),
    /** To the hosted UI's sign-in page, with a PKCE verifier kept for the way back. */
    hostedSignIn: async (lang = "en") => {
        const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
        const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
        sessionStorage.setItem("pkce", JSON.stringify({ verifier, state }));
        const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
        const query = new URLSearchParams({ client_id: config.clientId, response_type: "code", scope: config.scopes.join(" "), redirect_uri: redirectUri(), state, code_challenge: challenge, code_challenge_method: "S256", lang });
        location.assign(`${config.endpoint}/oauth2/authorize?${query}`);
    },
    /** Back from the hosted UI: the code exchanged for tokens; their claims. */
    completeHostedSignIn: async () => {
        const params = new URLSearchParams(location.search);
        if (!sessionStorage.getItem("pkce")) return undefined; // Amplify's own redirect: Amplify completes it
        const saved = JSON.parse(sessionStorage.getItem("pkce") ?? "{}");
        sessionStorage.removeItem("pkce");
        if (params.get("error")) return out({ error: params.get("error"), description: params.get("error_description") });
        if (params.get("state") !== saved.state) return out({ error: "the state does not match" });
        const response = await fetch(`${config.endpoint}/oauth2/token`, {
            method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ grant_type: "authorization_code", client_id: config.clientId, code: params.get("code") ?? "", redirect_uri: redirectUri(), code_verifier: saved.verifier ?? "" }),
        });
        const tokens = await response.json();
        history.replaceState(null, "", "/demo");
        return out(response.ok ? { hosted: true, id: claimsOf(tokens.id_token), scope: claimsOf(tokens.access_token).scope } : tokens);
    },
};
(window as unknown as { sandboxDemo: typeof demo }).sandboxDemo = demo;

const field = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
const on = (id: string, action: () => Promise<unknown>) => document.getElementById(id)?.addEventListener("click", () => action().catch((error: Error) => out(`${error.name}: ${error.message}`)));
on("sign-up", () => demo.signUp(field("email"), field("password")));
on("confirm", () => demo.confirm(field("email"), field("code")));
on("sign-in", () => demo.signIn(field("email"), field("password")));
on("session", () => demo.session());
on("refresh", () => demo.session(true));
on("sign-out", () => demo.signOut());
on("hosted", () => demo.hostedSignIn());
on("hosted-ar", () => demo.hostedSignIn("ar"));
on("amplify-redirect", () => demo.amplifyRedirect());
Hub.listen("auth", ({ payload }) => {
    if (payload.event === "signInWithRedirect") fetchAuthSession().then((session) => out({ amplifyRedirect: true, id: session.tokens?.idToken?.payload }));
    if (payload.event === "signInWithRedirect_failure") out({ amplifyRedirect: false, error: String((payload.data as { error?: unknown })?.error) });
});
if (new URLSearchParams(location.search).has("code") || new URLSearchParams(location.search).has("error")) demo.completeHostedSignIn().catch((error: Error) => out(`${error.name}: ${error.message}`));
document.body.dataset.ready = "true";
