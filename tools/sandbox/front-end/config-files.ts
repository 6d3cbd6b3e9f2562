// What a front end reads to reach the sandbox, written at each start: amplify_outputs.json in
// Amplify Gen 2's format (its `custom` block carries the endpoints Amplify's outputs have no field
// for: pass them as Auth.Cognito.userPoolEndpoint and identityPoolEndpoint), and sandbox.env, one
// KEY=value a line, for any other client. With --port and --data, both stay the same across restarts.
import * as fs from "fs";
import * as path from "path";
import type { SandboxContext } from "../context";
import { writePrivateFile } from "../private-files";

/** The client a front end signs in with: the first the identity pool takes, or the first allowing SRP. */
export function frontEndClient(ctx: SandboxContext): string {
    const names = Object.keys(ctx.clientIds);
    const srp = names.filter((n) => ctx.clients.get(ctx.clientIds[n])?.explicitAuthFlows.includes("ALLOW_USER_SRP_AUTH"));
    return ctx.identityPool?.clients.find((n) => n in ctx.clientIds) ?? srp[0] ?? names[0];
}

export function amplifyOutputs(ctx: SandboxContext): Record<string, unknown> {
    const clientName = frontEndClient(ctx);
    const client = ctx.clients.get(ctx.clientIds[clientName])!;
    const pool = ctx.model.pool as Record<string, any>;
    const policy = ctx.model.passwordPolicy;
    const providers = client.identityProviders.filter((p) => p !== "COGNITO").map((p) => (p === "SignInWithApple" ? "SIGN_IN_WITH_APPLE" : p.toUpperCase()));
    return {
        version: "1.4",
        auth: {
            aws_region: ctx.model.region,
            user_pool_id: ctx.poolId,
            user_pool_client_id: ctx.clientIds[clientName],
            ...(ctx.identityPool && { identity_pool_id: ctx.identityPool.id, unauthenticated_identities_enabled: ctx.identityPool.allowGuests }),
            password_policy: { min_length: policy.minimumLength, require_lowercase: policy.requireLowercase, require_uppercase: policy.requireUppercase, require_numbers: policy.requireNumbers, require_symbols: policy.requireSymbols },
            ...(ctx.model.hostedUi && client.oauthFlows.includes("code") && {
                oauth: {
                    identity_providers: providers, domain: ctx.endpoint.replace(/^https?:\/\//, ""), scopes: client.oauthScopes,
                    redirect_sign_in_uri: client.callbackUrls, redirect_sign_out_uri: client.logoutUrls, response_type: "code",
                },
            }),
            username_attributes: pool.UsernameAttributes ?? [],
            standard_required_attributes: (pool.Schema ?? []).filter((s: { Required?: boolean }) => s.Required).map((s: { Name: string }) => s.Name),
            user_verification_types: pool.AutoVerifiedAttributes ?? [],
            mfa_configuration: pool.MfaConfiguration ?? "OFF",
            mfa_methods: [...(pool.SoftwareTokenMfaConfiguration?.Enabled ? ["TOTP"] : []), ...(pool.SmsConfiguration ? ["SMS"] : [])],
            groups: ctx.model.groups.map((g) => ({ [g.name]: { precedence: g.precedence } })),
        },
        custom: {
            sandbox: `cognito-as-code sandbox of stack ${ctx.model.stack}: give Amplify these endpoints (Auth.Cognito.userPoolEndpoint, identityPoolEndpoint)`,
            user_pool_endpoint: ctx.endpoint,
            ...(ctx.identityPool && { identity_pool_endpoint: ctx.endpoint }),
            issuer: ctx.issuerUrl,
            clients: ctx.clientIds,
        },
    };
}

function envFile(ctx: SandboxContext): string {
    const lines: Record<string, string | undefined> = {
        COGNITO_SANDBOX_ENDPOINT: ctx.endpoint,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: ctx.endpoint,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY: ctx.identityPool && ctx.endpoint,
        COGNITO_REGION: ctx.model.region,
        COGNITO_USER_POOL_ID: ctx.poolId,
        COGNITO_CLIENT_ID: ctx.clientIds[frontEndClient(ctx)],
        ...Object.fromEntries(Object.entries(ctx.clientIds).map(([name, id]) => [`COGNITO_CLIENT_ID_${name.toUpperCase().replace(/\W/g, "_")}`, id])),
        COGNITO_ISSUER: ctx.issuerUrl,
        COGNITO_JWKS_URL: `${ctx.issuerUrl}/.well-known/jwks.json`,
        COGNITO_HOSTED_UI: ctx.model.hostedUi && ctx.endpoint,
        COGNITO_IDENTITY_POOL_ID: ctx.identityPool?.id,
    };
    return `# Written by npm run sandbox (stack ${ctx.model.stack}); rewritten at each start.\n${Object.entries(lines).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join("\n")}\n`;
}

/** Writes both files into `folder`; their paths. */
export function writeFrontEndFiles(ctx: SandboxContext, folder: string): { amplifyOutputs: string; env: string } {
    fs.mkdirSync(folder, { recursive: true });
    const files = { amplifyOutputs: path.join(folder, "amplify_outputs.json"), env: path.join(folder, "sandbox.env") };
    writePrivateFile(files.amplifyOutputs, `${JSON.stringify(amplifyOutputs(ctx), null, 2)}\n`);
    writePrivateFile(files.env, envFile(ctx));
    return files;
}
