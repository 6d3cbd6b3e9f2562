// What AWS accepts in each name, identifier and message this program sends, as the AWS API
// references print it (pattern, length, range), one rule per field. Three readers: the stack config
// schema (a key that holds the value as it is sent: config/schema.ts), the components (names they
// derive from config, such as the default pool name), and tests/components/aws-fields.test.ts, which
// holds every planned resource of the stacks to these rules. A value AWS refuses would otherwise
// stop `pulumi up` halfway, with some resources already created.
//
// The patterns are kept as the references print them: Java regular expressions, matched against the
// whole value (javaPattern translates them), lengths in UTF-16 code units as Java counts them.

const cognitoIdp = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference";
const cognitoIdentity = "https://docs.aws.amazon.com/cognitoidentity/latest/APIReference";
const iam = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const lambda = "https://docs.aws.amazon.com/lambda/latest";
const logs = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference";

/** A string AWS takes as it is. */
export interface TextRule {
    readonly kind: "text";
    /** The API field(s), as the reference names them. */
    readonly field: string;
    /** Where the rule is printed. */
    readonly source: string;
    readonly minLength: number;
    /** @default no limit */
    readonly maxLength?: number;
    /** The pattern as printed (Java syntax, whole value). @default any characters */
    readonly awsPattern?: string;
    /** What the pattern lets through, in words, for error messages: "ASCII letters, digits, spaces or + = , . @ - _". */
    readonly characters: string;
    /** A placeholder the pattern demands, in words. @default none */
    readonly requires?: string;
    /** awsPattern as a JavaScript RegExp. */
    readonly pattern?: RegExp;
}

/** A whole number within a range. */
export interface RangeRule {
    readonly kind: "range";
    readonly field: string;
    readonly source: string;
    readonly min: number;
    readonly max: number;
}

/** A list AWS caps. */
export interface ListRule {
    readonly kind: "list";
    readonly field: string;
    readonly source: string;
    readonly maxItems: number;
}

/** A map of strings whose keys and values together AWS caps in bytes (Lambda environment variables). */
export interface SizeRule {
    readonly kind: "size";
    readonly field: string;
    readonly source: string;
    readonly maxBytes: number;
}

export type AwsRule = TextRule | RangeRule | ListRule | SizeRule;

/** Java's \s is ASCII whitespace only; JavaScript's also takes no-break and other Unicode spaces, which AWS refuses. */
const javaWhitespace = "\\t\\n\\x0B\\f\\r ";

/**
 * An AWS (Java) pattern as a JavaScript RegExp that matches the same whole values: \s narrowed to
 * Java's ASCII whitespace, a leading (?s) turned into the s flag, the u flag for \p{...}. (Java's
 * `.` also stops at U+0085, JavaScript's does not: no rule here depends on it.)
 */
export function javaPattern(pattern: string): RegExp {
    const dotAll = pattern.startsWith("(?s)");
    const body = dotAll ? pattern.slice("(?s)".length) : pattern;
    let translated = "";
    let inClass = false;
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === "\\") {
            const escaped = body[i + 1];
            translated += escaped === "s" ? (inClass ? javaWhitespace : `[${javaWhitespace}]`) : `${c}${escaped}`;
            i++;
            continue;
        }
        if (c === "[") inClass = true;
        if (c === "]") inClass = false;
        translated += c;
    }
    return new RegExp(`^(?:${translated})$`, dotAll ? "su" : "u");
}

interface TextSpec {
    readonly min: number;
    readonly max?: number;
    readonly pattern?: string;
    readonly characters?: string;
    readonly requires?: string;
}

const range = (field: string, source: string, min: number, max: number): RangeRule => ({ kind: "range", field, source, min, max });
const list = (field: string, source: string, maxItems: number): ListRule => ({ kind: "list", field, source, maxItems });
const size = (field: string, source: string, maxBytes: number): SizeRule => ({ kind: "size", field, source, maxBytes });

function text(field: string, source: string, spec: TextSpec): TextRule {
    return {
        kind: "text",
        field,
        source,
        minLength: spec.min,
        maxLength: spec.max,
        awsPattern: spec.pattern,
        characters: spec.characters ?? "characters",
        requires: spec.requires,
        pattern: spec.pattern === undefined ? undefined : javaPattern(spec.pattern),
    };
}

// Character sets the references share between fields.
/** Pool, client, resource server and identity pool names: \w is ASCII in Java, so no Arabic. */
const plainName = { pattern: "[\\w\\s+=,.@-]+", characters: "ASCII letters, digits, spaces or + = , . @ - _" };
/** Letters, marks, symbols, digits, punctuation of any script; no spaces. */
const printable = { pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", characters: "letters, digits, marks, symbols or punctuation of any script, without spaces" };
/** Message bodies: any script, ASCII whitespace; not no-break spaces nor invisible marks such as U+200F. */
const messageCharacters = "letters, digits, marks, symbols, punctuation of any script and ASCII whitespace (no no-break spaces or invisible direction marks)";
const messageBody = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";
const subjectLine = { pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+", characters: messageCharacters };
/** OAuth scopes and resource server identifiers: printable ASCII but space, " and \. */
const scopeCharacters = { pattern: "[\\x21\\x23-\\x5B\\x5D-\\x7E]+", characters: "printable ASCII characters except spaces, \" and \\" };
/** IAM names. */
const iamName = { pattern: "[\\w+=,.@-]+", characters: "ASCII letters, digits or + = , . @ - _" };
const codeMessage = { pattern: `${messageBody}\\{####\\}${messageBody}`, characters: messageCharacters, requires: "the code placeholder {####}" };
const smsCode = { pattern: ".*\\{####\\}.*", characters: "characters on one line", requires: "the code placeholder {####}" };
const domainLabel = "[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?";

/** Every rule, by what it is for. */
export const awsFields = {
    // Amazon Cognito user pools
    userPoolName: text("CreateUserPool PoolName", `${cognitoIdp}/API_CreateUserPool.html`, { min: 1, max: 128, ...plainName }),
    customAttributeName: text("SchemaAttributeType Name", `${cognitoIdp}/API_SchemaAttributeType.html`, { min: 1, max: 20, ...printable }),
    verificationEmailMessage: text("VerificationMessageTemplateType EmailMessage", `${cognitoIdp}/API_VerificationMessageTemplateType.html`, { min: 6, max: 20000, ...codeMessage }),
    verificationEmailMessageByLink: text("VerificationMessageTemplateType EmailMessageByLink", `${cognitoIdp}/API_VerificationMessageTemplateType.html`, {
        min: 6, max: 20000, pattern: `${messageBody}\\{##${messageBody}##\\}${messageBody}`, characters: messageCharacters, requires: "a link placeholder {##link text##}",
    }),
    verificationEmailSubject: text("VerificationMessageTemplateType EmailSubject, EmailSubjectByLink", `${cognitoIdp}/API_VerificationMessageTemplateType.html`, { min: 1, max: 140, ...subjectLine }),
    /** SmsVerificationMessageType: the verification SMS and the MFA SMS (CreateUserPool SmsAuthenticationMessage). */
    smsCodeMessage: text("VerificationMessageTemplateType SmsMessage, CreateUserPool SmsAuthenticationMessage", `${cognitoIdp}/API_VerificationMessageTemplateType.html`, { min: 6, max: 140, ...smsCode }),
    invitationEmailMessage: text("MessageTemplateType EmailMessage", `${cognitoIdp}/API_MessageTemplateType.html`, { min: 6, max: 20000, pattern: messageBody, characters: messageCharacters }),
    invitationEmailSubject: text("MessageTemplateType EmailSubject", `${cognitoIdp}/API_MessageTemplateType.html`, { min: 1, max: 140, ...subjectLine }),
    invitationSmsMessage: text("MessageTemplateType SMSMessage", `${cognitoIdp}/API_MessageTemplateType.html`, { min: 6, max: 140, pattern: "(?s).*" }),
    mfaEmailMessage: text("EmailMfaConfigType Message", `${cognitoIdp}/API_EmailMfaConfigType.html`, { min: 6, max: 20000, ...codeMessage }),
    // The reference prints no length for this subject; 140 is every other Cognito subject's (an assumption).
    mfaEmailSubject: text("EmailMfaConfigType Subject", `${cognitoIdp}/API_EmailMfaConfigType.html`, { min: 1, max: 140, ...subjectLine }),
    replyToEmailAddress: text("EmailConfigurationType ReplyToEmailAddress", `${cognitoIdp}/API_EmailConfigurationType.html`, {
        min: 1, pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", characters: "characters of an address name@domain, without spaces",
    }),
    sesConfigurationSet: text("EmailConfigurationType ConfigurationSet", `${cognitoIdp}/API_EmailConfigurationType.html`, { min: 1, max: 64, pattern: "^[a-zA-Z0-9_-]+$", characters: "ASCII letters, digits, '_' or '-'" }),
    /** ArnType: a role of a group, the SES identity that sends the pool's email. */
    cognitoArn: text("CreateGroup RoleArn, EmailConfigurationType SourceArn", `${cognitoIdp}/API_CreateGroup.html`, {
        min: 20, max: 2048, pattern: "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?",
        characters: "characters of an ARN with an account (arn:aws:iam::123456789012:role/name), of ASCII letters, digits and + = / , . @ - _",
    }),
    groupName: text("CreateGroup GroupName", `${cognitoIdp}/API_CreateGroup.html`, { min: 1, max: 128, ...printable }),
    groupDescription: text("CreateGroup Description", `${cognitoIdp}/API_CreateGroup.html`, { min: 0, max: 2048 }),
    // The API reference gives the minimum; the maximum (2^31-1) is in AWS::Cognito::UserPoolGroup's reference.
    groupPrecedence: range("CreateGroup Precedence", `${cognitoIdp}/API_CreateGroup.html`, 0, 2147483647),
    resourceServerIdentifier: text("CreateResourceServer Identifier", `${cognitoIdp}/API_CreateResourceServer.html`, { min: 1, max: 256, ...scopeCharacters }),
    resourceServerName: text("CreateResourceServer Name", `${cognitoIdp}/API_CreateResourceServer.html`, { min: 1, max: 256, ...plainName }),
    resourceServerScopes: list("ResourceServerType Scopes", `${cognitoIdp}/API_ResourceServerType.html`, 100),
    resourceServerScopeName: text("ResourceServerScopeType ScopeName", `${cognitoIdp}/API_ResourceServerScopeType.html`, {
        min: 1, max: 256, pattern: "[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+", characters: "printable ASCII characters except spaces, \", / and \\",
    }),
    resourceServerScopeDescription: text("ResourceServerScopeType ScopeDescription", `${cognitoIdp}/API_ResourceServerScopeType.html`, { min: 1, max: 256 }),
    clientName: text("CreateUserPoolClient ClientName", `${cognitoIdp}/API_CreateUserPoolClient.html`, { min: 1, max: 128, ...plainName }),
    /** RedirectUrlType: callback and sign-out URLs. */
    redirectUrl: text("CreateUserPoolClient CallbackURLs, LogoutURLs", `${cognitoIdp}/API_CreateUserPoolClient.html`, { min: 1, max: 1024, ...printable }),
    oauthScope: text("CreateUserPoolClient AllowedOAuthScopes", `${cognitoIdp}/API_CreateUserPoolClient.html`, { min: 1, max: 256, ...scopeCharacters }),
    clientIdentityProvider: text("CreateUserPoolClient SupportedIdentityProviders", `${cognitoIdp}/API_CreateUserPoolClient.html`, { min: 1, max: 32, ...printable }),
    clientAttribute: text("CreateUserPoolClient ReadAttributes, WriteAttributes", `${cognitoIdp}/API_CreateUserPoolClient.html`, { min: 1, max: 2048 }),
    // ProviderNameTypeV2: no space anywhere, and '_' (which separates provider and user in federated user names) only as the second character.
    identityProviderName: text("CreateIdentityProvider ProviderName", `${cognitoIdp}/API_CreateIdentityProvider.html`, {
        min: 1, max: 32, pattern: "[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+",
        characters: "letters, digits, symbols or punctuation, at least 3, without spaces and without '_' except as the second character",
    }),
    identityProviderIdentifier: text("CreateIdentityProvider IdpIdentifiers", `${cognitoIdp}/API_CreateIdentityProvider.html`, { min: 1, max: 40, pattern: "[\\w\\s+=.@-]+", characters: "ASCII letters, digits, spaces or + = . @ - _" }),
    attributeMappingKey: text("CreateIdentityProvider AttributeMapping (keys)", `${cognitoIdp}/API_CreateIdentityProvider.html`, { min: 1, max: 32 }),
    userPoolDomainPrefix: text("CreateUserPoolDomain Domain", `${cognitoIdp}/API_CreateUserPoolDomain.html`, {
        min: 1, max: 63, pattern: `^${domainLabel}$`, characters: "lowercase letters, digits and hyphens, not starting or ending with a hyphen",
    }),
    // The reference prints the prefix's pattern for a custom domain too, and asks for periods between
    // subdomains in words: here each label follows the prefix's pattern, and the whole name its length.
    userPoolCustomDomain: text("CreateUserPoolDomain Domain (custom domain)", `${cognitoIdp}/API_CreateUserPoolDomain.html`, {
        min: 1, max: 63, pattern: `(?:${domainLabel}\\.)+${domainLabel}`, characters: "characters of a lowercase host name such as auth.example.com (letters, digits and hyphens; periods between labels)",
    }),

    // Amazon Cognito identity pools
    identityPoolName: text("CreateIdentityPool IdentityPoolName", `${cognitoIdentity}/API_CreateIdentityPool.html`, { min: 1, max: 128, ...plainName }),
    roleMappingClaim: text("MappingRule Claim", `${cognitoIdentity}/API_MappingRule.html`, { min: 1, max: 64, ...printable }),
    roleMappingValue: text("MappingRule Value", `${cognitoIdentity}/API_MappingRule.html`, { min: 1, max: 128 }),
    roleMappingRoleArn: text("MappingRule RoleARN", `${cognitoIdentity}/API_MappingRule.html`, { min: 20, max: 2048 }),

    // IAM
    roleName: text("CreateRole RoleName", `${iam}/API_CreateRole.html`, { min: 1, max: 64, ...iamName }),
    roleDescription: text("CreateRole Description", `${iam}/API_CreateRole.html`, {
        min: 0, max: 1000, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*", characters: "characters of ASCII and Latin-1 (tab and line breaks included)",
    }),
    rolePath: text("CreateRole Path", `${iam}/API_CreateRole.html`, { min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)", characters: "characters: \"/\", or printable ASCII between slashes" }),
    rolePolicyName: text("PutRolePolicy PolicyName", `${iam}/API_PutRolePolicy.html`, { min: 1, max: 128, ...iamName }),

    // AWS Lambda: 64 characters for a name given alone (the 140 of FunctionName count a full ARN).
    functionName: text("CreateFunction FunctionName", `${lambda}/api/API_CreateFunction.html`, { min: 1, max: 64, pattern: "[a-zA-Z0-9-_]+", characters: "ASCII letters, digits, '-' or '_'" }),
    functionDescription: text("CreateFunction Description", `${lambda}/api/API_CreateFunction.html`, { min: 0, max: 256 }),
    functionEnvironment: size("CreateFunction Environment (all variables together)", `${lambda}/dg/gettingstarted-limits.html`, 4096),

    // Amazon CloudWatch Logs
    logGroupName: text("CreateLogGroup logGroupName", `${logs}/API_CreateLogGroup.html`, { min: 1, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]+", characters: "ASCII letters, digits or . - _ / #" }),
};

/** "1 to 256 ASCII letters, ...", "at most 2048 characters", "6 to 140 characters ..., with the code placeholder {####}". */
export function allowedText(rule: TextRule): string {
    const { minLength: min, maxLength: max } = rule;
    const count = max === undefined ? `at least ${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
    return `${count} ${rule.characters}${rule.requires ? `, with ${rule.requires}` : ""}`;
}

/** The set a pattern of one repeated class ("[...]+") allows, to name the characters it refuses. */
function repeatedClass(rule: TextRule): RegExp | undefined {
    const match = /^\^?(\[[^\]]*\])[+*]\$?$/.exec(rule.awsPattern ?? "");
    return match ? javaPattern(match[1]) : undefined;
}

/** A character as a person can read it: invisible ones (U+200F, a no-break space) by code point. */
function visible(character: string): string {
    return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(character) ? JSON.stringify(character) : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why AWS refuses a text, with the characters at fault when the pattern is one set of characters. */
function textProblem(rule: TextRule, value: string): string | undefined {
    const allowed = `allowed: ${allowedText(rule)}`;
    const tooShort = value.length < rule.minLength;
    if (tooShort || (rule.maxLength !== undefined && value.length > rule.maxLength)) return `it has ${value.length} characters; ${allowed}`;
    if (!rule.pattern || rule.pattern.test(value)) return undefined;
    const set = repeatedClass(rule);
    const refused = set ? [...new Set([...value].filter((c) => !set.test(c)))] : [];
    return refused.length ? `${refused.map(visible).join(", ")} ${refused.length === 1 ? "is" : "are"} not allowed; ${allowed}` : allowed;
}

/** Keys and values of all variables, in bytes, as Lambda counts the 4 KB. */
function environmentBytes(variables: Readonly<Record<string, string>>): number {
    return Object.entries(variables).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
}

/** Why AWS would refuse this value for the rule's field ("allowed: ..."), or undefined when it takes it. */
export function ruleProblem(rule: AwsRule, value: unknown): string | undefined {
    switch (rule.kind) {
        case "text":
            return typeof value === "string" ? textProblem(rule, value) : `expected a string (${allowedText(rule)})`;
        case "range":
            return Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max ? undefined : `allowed: a whole number from ${rule.min} to ${rule.max}`;
        case "list":
            return Array.isArray(value) && value.length > rule.maxItems ? `it has ${value.length} items; allowed: at most ${rule.maxItems}` : undefined;
        case "size": {
            const bytes = environmentBytes((value ?? {}) as Record<string, string>);
            return bytes > rule.maxBytes ? `they take ${bytes} bytes; allowed: at most ${rule.maxBytes} bytes of names and values together` : undefined;
        }
    }
}

/**
 * The name AWS gets for a resource created without one: Pulumi's auto-name, the resource's Pulumi
 * name, "-" and 7 random hex digits (zeros here: only the length and the characters matter).
 */
export function pulumiAutoName(resourceName: string): string {
    return `${resourceName}-0000000`;
}
