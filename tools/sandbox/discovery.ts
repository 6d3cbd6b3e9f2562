// OpenID Connect discovery for the pool, as Cognito publishes it at the issuer: the issuer the
// tokens carry, the JWKS with the public half of the data folder's key, and the hosted UI's
// endpoints (authorization, token, userinfo, end session, revocation) on the sandbox's own origin.
import type { SandboxContext } from "./context";

export function jwks(ctx: SandboxContext): Record<string, unknown> {
    return { keys: [ctx.key.jwk] };
}

export function openidConfiguration(ctx: SandboxContext): Record<string, unknown> {
    const scopes = new Set(["openid", "email", "phone", "profile"]);
    for (const client of ctx.clients.values()) client.oauthScopes.forEach((s) => scopes.add(s));
    return {
        issuer: ctx.issuerUrl,
        authorization_endpoint: `${ctx.endpoint}/oauth2/authorize`,
        token_endpoint: `${ctx.endpoint}/oauth2/token`,
        userinfo_endpoint: `${ctx.endpoint}/oauth2/userInfo`,
        end_session_endpoint: `${ctx.endpoint}/logout`,
        revocation_endpoint: `${ctx.endpoint}/oauth2/revoke`,
        jwks_uri: `${ctx.issuerUrl}/.well-known/jwks.json`,
        response_types_supported: ["code", "token"],
        grant_types_supported: ["authorization_code", "refresh_token", "client_credentials", "implicit"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: [...scopes],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
        code_challenge_methods_supported: ["S256"],
        claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "email", "email_verified", "name", "locale", "phone_number", "phone_number_verified", "cognito:username", "cognito:groups"],
    };
}
