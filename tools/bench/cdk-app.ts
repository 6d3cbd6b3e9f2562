// The prod stack (Pulumi.prod.yaml) written with AWS CDK, for `npm run bench` to time CDK's
// `app.synth()` next to the offline plan: one App, one Stack, the same resources and settings,
// built the way a CDK user would (L2 constructs where CDK has them, L1 where it does not).
//
// Run as a script, it prints one JSON line of timings, measured from this process's start (as the
// plan's are): start (Node and the TypeScript loader), import (aws-cdk-lib), construct (the stack),
// synth (`app.synth()`, with the template validation CDK runs by default), and the number of
// CloudFormation resources in the template. The cloud assembly goes to a temporary folder that is
// removed before the process exits.
//
// Differences that only make CDK's work smaller: the certificate sits in the stack's region
// (CloudFormation places a whole stack in one region; us-east-1 would need a second stack), and
// the hosted UI's logo is left out (CloudFormation's UI customization takes CSS only).
import type { App, Stack } from "aws-cdk-lib";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const startedAt = performance.now();

const projectRoot = path.resolve(__dirname, "..", "..");

/** Loads the aws-cdk-lib modules the stack uses (timed as the import phase). */
function loadCdk() {
    return {
        cdk: require("aws-cdk-lib") as typeof import("aws-cdk-lib"),
        acm: require("aws-cdk-lib/aws-certificatemanager") as typeof import("aws-cdk-lib/aws-certificatemanager"),
        cognito: require("aws-cdk-lib/aws-cognito") as typeof import("aws-cdk-lib/aws-cognito"),
        identityPool: require("aws-cdk-lib/aws-cognito-identitypool") as typeof import("aws-cdk-lib/aws-cognito-identitypool"),
        iam: require("aws-cdk-lib/aws-iam") as typeof import("aws-cdk-lib/aws-iam"),
        lambda: require("aws-cdk-lib/aws-lambda") as typeof import("aws-cdk-lib/aws-lambda"),
        logs: require("aws-cdk-lib/aws-logs") as typeof import("aws-cdk-lib/aws-logs"),
        route53: require("aws-cdk-lib/aws-route53") as typeof import("aws-cdk-lib/aws-route53"),
        targets: require("aws-cdk-lib/aws-route53-targets") as typeof import("aws-cdk-lib/aws-route53-targets"),
    };
}

type Cdk = ReturnType<typeof loadCdk>;

/** The five triggers as prod deploys them: folder, memory, the Cognito calls its role may make, settings. */
const triggers = [
    { name: "pre-sign-up", memoryMb: 256, actions: ["cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminLinkProviderForUser"], settings: { deniedEmailDomains: ["mailinator.com"], protectedGroups: ["admins", "editors"], providerNames: ["Google", "Facebook", "SignInWithApple"], linkingProviders: ["Google", "SignInWithApple"] } },
    { name: "post-confirmation", memoryMb: 256, actions: ["cognito-idp:AdminAddUserToGroup"], settings: { defaultGroup: "readers" } },
    { name: "post-authentication", memoryMb: 128, actions: [], settings: {} },
    { name: "pre-token-generation", memoryMb: 256, actions: ["cognito-idp:ListUserPoolClients"], settings: { requiredGroups: { admin: ["admins", "editors"] }, tokens: { rolesClaim: "app_roles", claims: { stage: "prod" } } } },
    { name: "custom-message", memoryMb: 128, actions: [], settings: { appName: { en: "Daily News", ar: "الأخبار اليومية" } } },
] as const;

/** Where a trigger's code comes from: the bundle the plan built, as an asset, or inline code. */
function codeOf({ lambda }: Cdk, folder: string) {
    const bundle = path.join(projectRoot, ".build", "lambdas", folder);
    return fs.existsSync(path.join(bundle, "index.js")) ? lambda.Code.fromAsset(bundle, { exclude: ["build.json"] }) : lambda.Code.fromInline("exports.handler = async (event) => event;");
}

function prodStack(lib: Cdk, outdir: string): { app: App; stack: Stack } {
    const { cdk, acm, cognito, identityPool, iam, lambda, logs, route53, targets } = lib;
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, "cognito-prod", { env: { account: "123456789012", region: "eu-central-1" }, tags: { app: "cognito", stage: "prod" } });

    // The five triggers: a function each, with its log group and its role.
    const functions = Object.fromEntries(triggers.map((t) => {
        const logGroup = new logs.LogGroup(stack, `${t.name}-logs`, { logGroupName: `/aws/lambda/news-prod-${t.name}`, retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: cdk.RemovalPolicy.DESTROY });
        const fn = new lambda.Function(stack, `${t.name}-function`, {
            functionName: `news-prod-${t.name}`,
            runtime: lambda.Runtime.NODEJS_22_X,
            architecture: lambda.Architecture.ARM_64,
            handler: "index.handler",
            code: codeOf(lib, t.name),
            timeout: cdk.Duration.seconds(5),
            memorySize: t.memoryMb,
            logGroup,
            environment: { TRIGGER_SETTINGS: JSON.stringify(t.settings) },
        });
        return [t.name, fn];
    }));

    const pool = new cognito.UserPool(stack, "pool", {
        userPoolName: "news-prod",
        signInAliases: { email: true },
        autoVerify: { email: true },
        selfSignUpEnabled: true,
        standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true }, locale: { required: false, mutable: true } },
        customAttributes: { edition: new cognito.StringAttribute({ minLen: 2, maxLen: 5, mutable: true }), newsletterOptIn: new cognito.BooleanAttribute({ mutable: true }) },
        featurePlan: cognito.FeaturePlan.PLUS,
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { otp: true, sms: false },
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        passwordPolicy: { minLength: 15, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: cdk.Duration.days(3), passwordHistorySize: 5 },
        accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
        email: cognito.UserPoolEmail.withSES({ fromEmail: "no-reply@news.example.com", fromName: "News", replyTo: "support@news.example.com", sesRegion: "eu-central-1", sesVerifiedDomain: "news.example.com", configurationSetName: "news-auth" }),
        deletionProtection: true,
        removalPolicy: cdk.RemovalPolicy.RETAIN,
        lambdaTriggers: {
            preSignUp: functions["pre-sign-up"],
            postConfirmation: functions["post-confirmation"],
            postAuthentication: functions["post-authentication"],
            customMessage: functions["custom-message"],
        },
    });
    pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, functions["pre-token-generation"], cognito.LambdaVersion.V2_0);
    // Each trigger's Cognito calls, on this pool only: a policy of its own, which the function does
    // not wait for (the pool waits for the functions).
    for (const t of triggers) {
        if (t.actions.length) new iam.Policy(stack, `${t.name}-cognito-policy`, { roles: [functions[t.name].role!], statements: [new iam.PolicyStatement({ actions: [...t.actions], resources: [pool.userPoolArn] })] });
    }

    for (const [name, description, precedence] of [["admins", "Newsroom administrators", 0], ["editors", "Editors who publish articles", 10], ["readers", "Registered readers", 100]] as const) {
        new cognito.UserPoolGroup(stack, `group-${name}`, { userPool: pool, groupName: name, description, precedence });
    }

    // Log delivery and threat protection's actions.
    const poolLogs = new logs.LogGroup(stack, "pool-logs", { logGroupName: "/aws/vendedlogs/cognito/news-prod", retention: logs.RetentionDays.ONE_YEAR });
    new cognito.CfnLogDeliveryConfiguration(stack, "log-delivery", {
        userPoolId: pool.userPoolId,
        logConfigurations: [
            { eventSource: "userAuthEvents", logLevel: "INFO", cloudWatchLogsConfiguration: { logGroupArn: poolLogs.logGroupArn } },
            { eventSource: "userNotification", logLevel: "ERROR", cloudWatchLogsConfiguration: { logGroupArn: poolLogs.logGroupArn } },
        ],
    });
    new cognito.CfnUserPoolRiskConfigurationAttachment(stack, "risk", {
        userPoolId: pool.userPoolId,
        clientId: "ALL",
        compromisedCredentialsRiskConfiguration: { actions: { eventAction: "BLOCK" } },
        accountTakeoverRiskConfiguration: {
            actions: { lowAction: { eventAction: "NO_ACTION", notify: false }, mediumAction: { eventAction: "MFA_IF_CONFIGURED", notify: false }, highAction: { eventAction: "BLOCK", notify: false } },
        },
    });

    // Google, Facebook and Apple sign-in (secrets as placeholders, as the offline plan has them).
    const attributeMapping = { email: cognito.ProviderAttribute.other("email"), emailVerified: cognito.ProviderAttribute.other("email_verified") };
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, "google", { userPool: pool, clientId: "000000000000-prod.apps.googleusercontent.com", clientSecretValue: cdk.SecretValue.unsafePlainText("PLACEHOLDER-googleClientSecret"), scopes: ["openid", "email", "profile"], attributeMapping });
    const facebook = new cognito.UserPoolIdentityProviderFacebook(stack, "facebook", { userPool: pool, clientId: "100000000000000", clientSecret: "PLACEHOLDER-facebookAppSecret", scopes: ["public_profile", "email"], attributeMapping: { email: cognito.ProviderAttribute.FACEBOOK_EMAIL } });
    const apple = new cognito.UserPoolIdentityProviderApple(stack, "apple", { userPool: pool, clientId: "com.example.news.signin", teamId: "ABCDE12345", keyId: "KEY1234567", privateKeyValue: cdk.SecretValue.unsafePlainText("PLACEHOLDER-applePrivateKey"), scopes: ["email", "name"], attributeMapping: { email: cognito.ProviderAttribute.APPLE_EMAIL } });

    // The API's resource server and the four clients.
    const read = new cognito.ResourceServerScope({ scopeName: "articles.read", scopeDescription: "Read articles" });
    const write = new cognito.ResourceServerScope({ scopeName: "articles.write", scopeDescription: "Publish articles" });
    const api = pool.addResourceServer("api", { identifier: "https://api.news.example.com", userPoolResourceServerName: "News API", scopes: [read, write] });
    const people = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];
    const federated = [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.FACEBOOK, cognito.UserPoolClientIdentityProvider.APPLE];
    const userClient = (name: string, callback: string, logout: string, scopes: import("aws-cdk-lib/aws-cognito").OAuthScope[], providers: import("aws-cdk-lib/aws-cognito").UserPoolClientIdentityProvider[]) => {
        const client = pool.addClient(name, {
            userPoolClientName: name,
            authFlows: { userSrp: true },
            oAuth: { flows: { authorizationCodeGrant: true }, scopes, callbackUrls: [callback], logoutUrls: [logout] },
            supportedIdentityProviders: providers,
            preventUserExistenceErrors: true,
            enableTokenRevocation: true,
            refreshTokenRotationGracePeriod: cdk.Duration.seconds(60),
            accessTokenValidity: cdk.Duration.minutes(60),
            idTokenValidity: cdk.Duration.minutes(60),
            refreshTokenValidity: cdk.Duration.days(30),
        });
        // A client naming a provider can be created only once the provider exists.
        if (providers === federated) client.node.addDependency(google, facebook, apple);
        return client;
    };
    const web = userClient("web", "https://news.example.com/auth/callback", "https://news.example.com/", [...people, cognito.OAuthScope.resourceServer(api, read)], federated);
    const mobile = userClient("mobile", "newsapp://auth/callback", "newsapp://auth/signed-out", people, federated);
    userClient("admin", "https://newsroom.news.example.com/auth/callback", "https://newsroom.news.example.com/", people, [cognito.UserPoolClientIdentityProvider.COGNITO]);
    pool.addClient("ingest", {
        userPoolClientName: "ingest",
        generateSecret: true,
        authFlows: {},
        oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, write)] },
        accessTokenValidity: cdk.Duration.minutes(15),
        enableTokenRevocation: true,
    });

    // The custom domain: a DNS-validated certificate, the domain, the classic UI's CSS, alias records.
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, "zone", { hostedZoneId: "Z0123456789ABCDEFGHIJ", zoneName: "news.example.com" });
    const certificate = new acm.Certificate(stack, "certificate", { domainName: "auth.news.example.com", validation: acm.CertificateValidation.fromDns(zone) });
    const domain = pool.addDomain("domain", { customDomain: { domainName: "auth.news.example.com", certificate }, managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI });
    const css = path.join(projectRoot, "branding", "classic.css");
    new cognito.CfnUserPoolUICustomizationAttachment(stack, "ui", { userPoolId: pool.userPoolId, clientId: "ALL", css: fs.existsSync(css) ? fs.readFileSync(css, "utf8") : ".banner-customizable { background-color: #1f2937; }" }).node.addDependency(domain);
    for (const [id, Record] of [["alias-a", route53.ARecord], ["alias-aaaa", route53.AaaaRecord]] as const) {
        new Record(stack, id, { zone, recordName: "auth", target: route53.RecordTarget.fromAlias(new targets.UserPoolDomainTarget(domain)) });
    }

    // The identity pool: web and mobile sign in, roles from the token, own S3 prefix and DynamoDB items.
    const identities = new identityPool.IdentityPool(stack, "identity", {
        identityPoolName: "news-prod",
        allowUnauthenticatedIdentities: false,
        allowClassicFlow: false,
        authenticationProviders: { userPools: [new identityPool.UserPoolAuthenticationProvider({ userPool: pool, userPoolClient: web }), new identityPool.UserPoolAuthenticationProvider({ userPool: pool, userPoolClient: mobile })] },
        roleMappings: [
            { mappingKey: "web", providerUrl: identityPool.IdentityPoolProviderUrl.userPool(pool, web), useToken: true, resolveAmbiguousRoles: true },
            { mappingKey: "mobile", providerUrl: identityPool.IdentityPoolProviderUrl.userPool(pool, mobile), useToken: true, resolveAmbiguousRoles: true },
        ],
    });
    const own = "${cognito-identity.amazonaws.com:sub}";
    identities.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [`arn:aws:s3:::news-prod-user-uploads/${own}/*`] }));
    identities.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::news-prod-user-uploads"], conditions: { StringLike: { "s3:prefix": [`${own}/*`] } } }));
    identities.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
        resources: ["arn:aws:dynamodb:eu-central-1:123456789012:table/news-prod-reading-lists"],
        conditions: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [own] } },
    }));

    return { app, stack };
}

/** Counts of CloudFormation resource types in a synthesized template. */
export function resourceTypes(template: { Resources?: Record<string, { Type: string }> }): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of Object.values(template.Resources ?? {})) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
    return counts;
}

function main(): void {
    const start = startedAt;
    const t0 = performance.now();
    const lib = loadCdk();
    const imported = performance.now();
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdk-bench-"));
    try {
        const { app, stack } = prodStack(lib, outdir);
        const constructed = performance.now();
        const assembly = app.synth();
        const synthesized = performance.now();
        const resources = Object.keys(assembly.getStackByName(stack.stackName).template.Resources ?? {}).length;
        console.log(JSON.stringify({ start, import: imported - t0, construct: constructed - imported, synth: synthesized - constructed, resources }));
    } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
    }
}

if (require.main === module) main();
