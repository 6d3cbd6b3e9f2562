// What an AWS SDK error means for the administrator, in one line: the call that failed, on what,
// and what to do. The SDK has already retried what is worth retrying (throttling, 5xx, dropped
// connections: its standard strategy, 3 attempts with back-off; AWS_MAX_ATTEMPTS raises it).
import { failure, oneLine, type UsersError } from "./errors";
import type { PoolLocation } from "./pool";
import { quote, usersCommand } from "./text";

/** The call and what the administrator named, for the message. */
export interface CallContext {
    /** The Cognito action: AdminGetUser; the IAM permission is cognito-idp:<op>. */
    readonly op: string;
    readonly pool: PoolLocation;
    /** The user as the administrator named them (not the username it resolved to). */
    readonly user?: string;
    readonly group?: string;
    readonly filter?: string;
}

interface SdkError {
    readonly name?: string;
    readonly message?: string;
    readonly code?: string;
    readonly $metadata?: { readonly attempts?: number };
}

const refusedCredentials = new Set(["UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch"]);
const unreachable = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

export function explainAwsError(error: unknown, context: CallContext): UsersError {
    const { name = "Error", message: raw = "", code, $metadata } = (error ?? {}) as SdkError;
    const message = oneLine(raw);
    const { op, pool } = context;
    switch (name) {
        case "UserNotFoundException":
            return failure(`no user ${quote(context.user ?? "")} in pool ${pool.poolId}`, `name a user by username, email or sub (${usersCommand("list")} shows them)`, name);
        case "ResourceNotFoundException":
            if (context.group !== undefined && /group/i.test(message)) return unknownGroup(context.group, pool, []);
            return failure(`no user pool ${pool.poolId} at ${where(pool)} (${message})`, pool.sandbox ? "restart the sandbox, or pass --pool <id>" : "check --pool and --region");
        case "AccessDeniedException":
        case "NotAuthorizedException":
            return failure(`${op} on pool ${pool.poolId} was refused (${name}: ${message})`, `use credentials allowed cognito-idp:${op} on this pool`);
        case "TooManyRequestsException":
        case "LimitExceededException":
            // Named, so that export and restore can back off and try the page again.
            return failure(`Cognito throttled ${op} (${name}) after ${$metadata?.attempts ?? 1} attempts`, "wait a minute and retry, or raise the pool's request quota (Service Quotas)", name);
        case "UsernameExistsException":
            // Named, so that restore can judge the account made meanwhile instead of stopping.
            return failure(`a user ${quote(context.user ?? "")} already exists in pool ${pool.poolId}`, `see them with: ${usersCommand("find", context.user ?? "")}`, name);
        case "InvalidParameterException":
            if (context.filter !== undefined) return failure(`Cognito refused the filter ${quote(context.filter)} (${message})`, `write it as attribute = "value" or attribute ^= "value", e.g. --filter 'email ^= "a"'`);
            return failure(`Cognito refused ${op} (${message})`, "fix the value it names and retry", name);
        case "Unsupported":
            // cognito-local answers an action it lacks with a 500 of type CognitoLocal#Unsupported.
            return failure(`the sandbox's emulator (cognito-local) does not implement ${op}`, "run this command against AWS (--pool <id>)");
        case "CredentialsProviderError":
            return failure(`no AWS credentials found (${message})`, "set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --sandbox");
    }
    if (refusedCredentials.has(name)) return failure(`AWS rejected the credentials (${name}: ${message})`, "refresh them (aws sso login, or new keys) and retry");
    if (code && unreachable.has(code)) {
        return failure(`cannot reach Cognito at ${where(pool)} (${code})`, pool.sandbox ? "start the sandbox again (npm run sandbox): its state file names one that stopped" : "check the network, --region and --endpoint");
    }
    return failure(`${op} failed (${name}: ${message})`, "fix what the message names and retry");
}

/** A group the pool lacks, with the groups it has when they are known. */
export function unknownGroup(group: string, pool: PoolLocation, groups: readonly string[]): UsersError {
    const has = groups.length ? ` (its groups: ${groups.join(", ")})` : "";
    return failure(`no group ${quote(group)} in pool ${pool.poolId}${has}`, "name one of its groups, or declare the group in userPool.groups of the stack file");
}

function where(pool: PoolLocation): string {
    return pool.endpoint ?? `cognito-idp.${pool.region}.amazonaws.com`;
}
