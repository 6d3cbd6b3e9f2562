// Every token the sandbox hands out, made here (the emulator's own generator is replaced by this
// one): signed with the data folder's key, with the claims Cognito puts in them (every attribute the
// client may read in the ID token, `origin_jti` when the client revokes tokens, the OAuth scopes of
// a hosted UI sign-in), and the stack's pre token generation function run at each issue (sign-in,
// hosted UI, refresh), with the event version the stack asks for and its whole answer applied.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "crypto";
import { CognitoError } from "../errors";
import type { SigningKey } from "../signing-key";
import type { SandboxClient, SandboxModel } from "../stack-model";

/** A user as the emulator keeps it. */
export interface EmulatorUser {
    readonly Username: string;
    readonly Attributes?: readonly { Name: string; Value?: string }[];
    readonly UserStatus?: string;
    readonly Enabled?: boolean;
    readonly Password?: string;
    readonly [field: string]: unknown;
}

export type TokenSource = "Authentication" | "RefreshTokens" | "HostedAuth" | "NewPasswordChallenge";

export interface IssueRequest {
    readonly poolId: string;
    readonly clientId: string;
    readonly user: EmulatorUser;
    readonly source: TokenSource;
    readonly clientMetadata?: Record<string, string>;
    /** The OAuth scopes a hosted UI sign-in granted; absent: the user-pool API's own scope. */
    readonly scopes?: readonly string[];
    readonly nonce?: string;
    /** When the user signed in (a refresh, a code exchanged later); now when absent. */
    readonly authTime?: number;
    /** The sign-in session a refresh continues; a new session when absent. */
    readonly originJti?: string;
    /** Hand out a refresh token (a sign-in, or a refresh on a rotating client). */
    readonly refreshToken: boolean;
}

export interface IssuedTokens {
    readonly AccessToken: string;
    readonly IdToken?: string;
    readonly RefreshToken?: string;
    readonly ExpiresIn: number;
    readonly TokenType: "Bearer";
}

/** What a refresh token stands for (it is opaque to clients, as Cognito's are). */
export interface RefreshGrant {
    readonly clientId: string;
    readonly poolId: string;
    readonly username: string;
    readonly sub: string;
    readonly originJti: string;
    readonly jti: string;
    readonly authTime: number;
    readonly scopes?: readonly string[];
    readonly issuedAt: number;
    readonly expires: number;
}

export interface IssuerContext {
    readonly key: SigningKey;
    readonly model: SandboxModel;
    /** `<endpoint>/<poolId>`. */
    readonly issuer: (poolId: string) => string;
    readonly client: (clientId: string) => Promise<SandboxClient | undefined>;
    /** The user's groups, with each group's precedence and role. */
    readonly groups: (poolId: string, user: EmulatorUser) => Promise<readonly { name: string; precedence?: number; roleArn?: string }[]>;
    /** Runs the stack's pre token generation function; its answer, or an error message. */
    readonly tokenTrigger?: (event: Record<string, unknown>) => Promise<{ answer?: any; error?: string }>;
    /** Told of each new sign-in session (not of refreshes, which continue one). */
    readonly onSession?: (poolId: string, sub: string, originJti: string, expires: number) => void;
}

/** Claims only Cognito sets: a trigger's answer cannot add, change or remove them. */
const reservedClaims = new Set(["acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "client_id", "scope", "username", "event_id", "version", "cognito:groups", "cognito:roles", "cognito:preferred_role"]);
const apiScope = "aws.cognito.signin.user.admin";

export const attributeOf = (user: EmulatorUser, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

/** The user's attributes as the ID token carries them: the ones the client may read, verification flags as booleans. */
export function idTokenAttributes(user: EmulatorUser, client: SandboxClient | undefined): Record<string, unknown> {
    const readable = client?.readAttributes?.length ? new Set(client.readAttributes) : undefined;
    const claims: Record<string, unknown> = {};
    for (const { Name, Value } of user.Attributes ?? []) {
        if (Value === undefined || Name === "sub" || (readable && !readable.has(Name))) continue;
        if (Name === "email_verified" || Name === "phone_number_verified") claims[Name] = Value === "true";
        else if (Name === "updated_at" && /^\d+$/.test(Value)) claims[Name] = Number(Value);
        else if (Name === "identities") claims[Name] = safeJson(Value);
        else claims[Name] = Value;
    }
    // Cognito keeps a verified flag beside each address (false until proven); the emulator may have none.
    for (const address of ["email", "phone_number"]) if (address in claims && !(`${address}_verified` in claims) && (!readable || readable.has(`${address}_verified`))) claims[`${address}_verified`] = false;
    return claims;
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function applyClaims(token: Record<string, unknown>, details: { claimsToAddOrOverride?: Record<string, unknown>; claimsToSuppress?: readonly string[] } | undefined): void {
    for (const [claim, value] of Object.entries(details?.claimsToAddOrOverride ?? {})) if (!reservedClaims.has(claim)) token[claim] = value;
    for (const claim of details?.claimsToSuppress ?? []) if (!reservedClaims.has(claim)) delete token[claim];
}

export class TokenIssuer {
    constructor(private readonly ctx: IssuerContext) {}

    async issue(request: IssueRequest): Promise<IssuedTokens> {
        const { ctx } = this;
        const client = await ctx.client(request.clientId);
        if (!client) throw new CognitoError("ResourceNotFoundException", `User pool client ${request.clientId} does not exist.`);
        const now = Math.floor(Date.now() / 1000);
        const authTime = request.authTime ?? now;
        const originJti = request.originJti ?? randomUUID();
        const eventId = randomUUID();
        const sub = attributeOf(request.user, "sub") ?? request.user.Username;
        const groupRecords = await ctx.groups(request.poolId, request.user);
        let groups = groupRecords.map((g) => g.name);
        const roleGroups = groupRecords.filter((g) => g.roleArn).sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity));
        let roles = roleGroups.map((g) => g.roleArn!);
        let preferredRole: string | undefined = roleGroups[0]?.roleArn;
        const scopes = new Set(request.scopes ?? [apiScope]);
        const withIdToken = request.scopes === undefined || scopes.has("openid");
        const issuer = ctx.issuer(request.poolId);

        const idToken: Record<string, unknown> = { ...idTokenAttributes(request.user, client) };
        const accessToken: Record<string, unknown> = {};
        const answer = await this.runTrigger(request, client, groups, [...scopes]);
        const override = answer?.claimsAndScopeOverrideDetails ?? (answer?.claimsOverrideDetails && { idTokenGeneration: answer.claimsOverrideDetails, groupOverrideDetails: answer.claimsOverrideDetails.groupOverrideDetails });
        if (override) {
            applyClaims(idToken, override.idTokenGeneration);
            applyClaims(accessToken, override.accessTokenGeneration);
            for (const scope of override.accessTokenGeneration?.scopesToAdd ?? []) scopes.add(scope);
            for (const scope of override.accessTokenGeneration?.scopesToSuppress ?? []) scopes.delete(scope);
            const groupOverride = override.groupOverrideDetails;
            if (Array.isArray(groupOverride?.groupsToOverride)) groups = groupOverride.groupsToOverride;
            if (Array.isArray(groupOverride?.iamRolesToOverride)) roles = groupOverride.iamRolesToOverride;
            if (typeof groupOverride?.preferredRole === "string") preferredRole = groupOverride.preferredRole;
        }
        const revocation = client.tokenRevocation ? { origin_jti: originJti } : {};
        const groupClaims = groups.length ? { "cognito:groups": groups } : {};
        const exp = (seconds: number) => ({ iat: now, exp: now + seconds });
        const access = ctx.key.sign({
            ...accessToken, sub, ...groupClaims, iss: issuer, version: 2, client_id: request.clientId, ...revocation, event_id: eventId,
            token_use: "access", scope: [...scopes].join(" "), auth_time: authTime, ...exp(client.validity.accessSeconds), jti: randomUUID(), username: request.user.Username,
        });
        const id = withIdToken
            ? ctx.key.sign({
                ...idToken, sub, ...groupClaims, ...(roles.length && { "cognito:roles": roles }), ...(preferredRole && { "cognito:preferred_role": preferredRole }),
                iss: issuer, "cognito:username": request.user.Username, ...(request.nonce && { nonce: request.nonce }), ...revocation, aud: request.clientId,
                event_id: eventId, token_use: "id", auth_time: authTime, ...exp(client.validity.idSeconds), jti: randomUUID(),
            })
            : undefined;
        const refresh = request.refreshToken
            ? this.refreshToken({
                clientId: request.clientId, poolId: request.poolId, username: request.user.Username, sub, originJti, jti: randomUUID(), authTime,
                ...(request.scopes && { scopes: request.scopes }), issuedAt: now, expires: now + client.validity.refreshSeconds,
            })
            : undefined;
        if (!request.originJti) ctx.onSession?.(request.poolId, sub, originJti, now + client.validity.refreshSeconds);
        return { AccessToken: access, ...(id && { IdToken: id }), ...(refresh && { RefreshToken: refresh }), ExpiresIn: client.validity.accessSeconds, TokenType: "Bearer" };
    }

    /** An access token for a client itself (the client-credentials grant): the client as subject, its scopes, no user. */
    async issueForClient(poolId: string, clientId: string, scopes: readonly string[]): Promise<IssuedTokens> {
        const client = await this.ctx.client(clientId);
        if (!client) throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
        const now = Math.floor(Date.now() / 1000);
        const access = this.ctx.key.sign({
            sub: clientId, token_use: "access", scope: scopes.join(" "), auth_time: now, iss: this.ctx.issuer(poolId), exp: now + client.validity.accessSeconds, iat: now,
            version: 2, jti: randomUUID(), client_id: clientId,
        });
        return { AccessToken: access, ExpiresIn: client.validity.accessSeconds, TokenType: "Bearer" };
    }

    /** The grant of a refresh token this sandbox made, or undefined (changed, or made elsewhere). */
    readRefreshToken(token: unknown): RefreshGrant | undefined {
        if (typeof token !== "string" || !/^[\w-]{40,4096}$/.test(token)) return undefined;
        const sealed = Buffer.from(token, "base64url");
        try {
            const decipher = createDecipheriv("aes-256-gcm", this.refreshKey(), sealed.subarray(0, 12));
            decipher.setAuthTag(sealed.subarray(sealed.length - 16));
            return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString("utf8"));
        } catch {
            return undefined;
        }
    }

    /** Opaque to clients and tamper-proof, as Cognito's (encrypted) refresh tokens are. */
    private refreshToken(grant: RefreshGrant): string {
        const iv = randomBytes(12);
        const cipher = createCipheriv("aes-256-gcm", this.refreshKey(), iv);
        const sealed = Buffer.concat([cipher.update(JSON.stringify(grant), "utf8"), cipher.final()]);
        return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
    }

    private refreshKey(): Buffer {
        return this.ctx.key.secret("refresh-token");
    }

    private async runTrigger(request: IssueRequest, client: SandboxClient, groups: readonly string[], scopes: readonly string[]): Promise<any> {
        if (!this.ctx.tokenTrigger) return undefined;
        const version = this.ctx.model.tokenEventVersion;
        const v2 = version !== "V1_0";
        const userAttributes = Object.fromEntries((request.user.Attributes ?? []).filter((a) => a.Value !== undefined).map((a) => [a.Name, a.Value]));
        if (request.user.UserStatus) userAttributes["cognito:user_status"] = request.user.UserStatus;
        const event = {
            version: v2 ? (version === "V3_0" ? "3" : "2") : "1",
            triggerSource: `TokenGeneration_${request.source}`,
            region: this.ctx.model.region,
            userPoolId: request.poolId,
            userName: request.user.Username,
            callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: request.clientId },
            request: {
                userAttributes,
                groupConfiguration: { groupsToOverride: [...groups], iamRolesToOverride: [], preferredRole: null },
                ...(request.clientMetadata && { clientMetadata: request.clientMetadata }),
                ...(v2 && { scopes: [...scopes] }),
            },
            response: v2 ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
        };
        const { answer, error } = await this.ctx.tokenTrigger(event);
        if (error !== undefined) throw new CognitoError("UserLambdaValidationException", `PreTokenGeneration failed with error ${error}.`);
        return answer?.response;
    }
}
