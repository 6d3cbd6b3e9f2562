// The Lambda triggers of a user pool, one TriggerFunction each, built before the pool: the pool
// names the functions, and no function refers to the pool (handlers read its id from the event),
// so there is no dependency cycle. The pool grants Cognito the right to invoke them.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TriggerSettings } from "../../config/schema";
import { componentType, formerComponentTypePrefix } from "../../policy/rules/type-tokens";
import { CognitoComponent } from "../shared/component";
import { assertValid } from "../shared/validation";
import { TriggerFunction, type TriggerFunctionTransforms } from "./function";
import { userPoolDefaults } from "../user-pool/settings";
import { migrationProblems } from "./migration";
import { cognitoActionsFor, migrationPool, sourcePoolActionsFor, enabledTriggers, triggerDefinitions, triggerEnvironmentProblems, triggerFunctionName, triggerProblems, type TriggerName, type TriggerPool } from "./settings";

export interface TriggersArgs extends TriggerSettings {
    /** The user pool's name: each function is named `<pool name>-<trigger folder>` (news-prod-pre-sign-up). Required. */
    readonly poolName: string;
    /** The pool's feature plan: Lite gets the version 1 token event, the others version 2. @default "ESSENTIALS" */
    readonly featurePlan?: "LITE" | "ESSENTIALS" | "PLUS";
    /** The pool's groups, which triggers name (default group, required and protected groups). @default [] */
    readonly groups?: TriggerPool["groups"];
    /**
     * The pool's identity providers: `name` as federated user names start ("Google", an OIDC or
     * SAML name), `linkToExistingUsers` to opt it in to account linking. @default []
     */
    readonly federatedProviders?: TriggerPool["providers"];
    /** The pool's password policy, which migrated passwords must meet. @default AWS's (8 characters of every class) */
    readonly passwordPolicy?: TriggerPool["passwordPolicy"];
    /** The pool's custom attributes (name without "custom:" -> its type), which migrated users may bring. @default {} */
    readonly customAttributes?: TriggerPool["customAttributes"];
    /** Claims the stack trusts to choose AWS roles (identity pool role-mapping rules): migrated users leave them behind. @default [] */
    readonly roleClaims?: TriggerPool["roleClaims"];
    /** Tags on every taggable child. @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /** Changes the args of each function's children before they are created: a warned escape hatch. @default none */
    readonly transform?: TriggerFunctionTransforms;
}

/**
 * The Lambda triggers of a user pool, built before it and handed to it.
 *
 * @example
 * const triggers = new Triggers("main", { poolName: "news-prod", postConfirmation: { defaultGroup: "readers" }, groups });
 * const pool = new UserPool("main", { name: "news-prod", groups, triggers });
 */
export class Triggers extends CognitoComponent<object> {
    /** The trigger settings as given. */
    readonly settings: TriggerSettings;
    /** The functions turned on, by trigger. */
    readonly functions: Readonly<Partial<Record<TriggerName, TriggerFunction>>>;
    /** What each function's handler reads, by trigger. */
    readonly handlerSettings: Readonly<Partial<Record<TriggerName, unknown>>>;
    /** The pool's name the functions are named after. */
    readonly poolName: string;
    /** The plan the token trigger's event version follows. */
    readonly featurePlan: NonNullable<TriggersArgs["featurePlan"]>;

    constructor(name: string, args: TriggersArgs, opts?: pulumi.ComponentResourceOptions) {
        const featurePlan = args.featurePlan ?? userPoolDefaults.featurePlan;
        const groups = args.groups ?? [];
        const pool: TriggerPool = { providers: args.federatedProviders ?? [], groups, passwordPolicy: args.passwordPolicy, customAttributes: args.customAttributes, roleClaims: args.roleClaims };
        const handlerSettings = enabledTriggers(args, pool);
        assertValid(`Triggers "${name}"`, [
            ...triggerProblems(args, { featurePlan, groups }),
            ...migrationProblems(args.userMigration, migrationPool(args, pool)),
            ...triggerEnvironmentProblems(handlerSettings),
        ]);
        super("Triggers", name, undefined, opts);
        this.featurePlan = featurePlan;
        this.poolName = args.poolName;
        this.settings = args;
        this.handlerSettings = handlerSettings;
        // The first release built these inside UserPool of the same name: the alias keeps their URNs.
        const formerParent = pulumi.createUrn(name, componentType("UserPool", formerComponentTypePrefix));
        this.functions = Object.fromEntries(Object.entries(this.handlerSettings).map(([trigger, settings]) => [trigger, new TriggerFunction(`${name}-${triggerDefinitions[trigger as TriggerName].folder}`, {
            trigger: trigger as TriggerName,
            functionName: triggerFunctionName(args.poolName, trigger as TriggerName),
            settings,
            logRetentionDays: args.logRetentionDays,
            tags: args.tags,
            transform: args.transform,
        }, { parent: this, aliases: [{ parent: formerParent, type: componentType("TriggerFunction", formerComponentTypePrefix) }] })]));
        this.registerOutputs({});
    }

    /** The pool's lambdaConfig: every function in its place, the token trigger in the plan's version. */
    get lambdaConfig(): aws.types.input.cognito.UserPoolLambdaConfig | undefined {
        const arn = (trigger: TriggerName) => this.functions[trigger]?.arn;
        if (Object.keys(this.functions).length === 0) return undefined;
        const preToken = arn("preTokenGeneration");
        return {
            preSignUp: arn("preSignUp"),
            postConfirmation: arn("postConfirmation"),
            postAuthentication: arn("postAuthentication"),
            customMessage: arn("customMessage"),
            userMigration: arn("userMigration"),
            // The V2 event carries groups and scopes (Essentials and Plus); Lite has V1 only, enough for
            // the client gate. Both fields name the same function so that a refresh reads back what was written.
            preTokenGeneration: preToken,
            preTokenGenerationConfig: preToken && { lambdaArn: preToken, lambdaVersion: this.featurePlan === "LITE" ? "V1_0" : "V2_0" },
        };
    }

    /** Whether the migration trigger marks the users it creates (custom:migratedFrom): no client may then write it, no provider map it. */
    get marksMigratedUsers(): boolean {
        return (this.handlerSettings.userMigration as { mark?: boolean } | undefined)?.mark === true;
    }

    /** The pool users migrate from and the actions each function calls on it, by trigger (none: left out). */
    get sourcePoolActions(): Readonly<Partial<Record<TriggerName, { readonly userPoolId: string; readonly actions: readonly string[] }>>> {
        return Object.fromEntries(Object.entries(this.handlerSettings)
            .map(([trigger, settings]) => [trigger, sourcePoolActionsFor(trigger as TriggerName, settings)] as const)
            .filter(([, source]) => source !== undefined));
    }

    /** The Cognito actions each function's handler calls with its settings, by trigger (none: left out). */
    get cognitoActions(): Readonly<Partial<Record<TriggerName, readonly string[]>>> {
        return Object.fromEntries(Object.entries(this.handlerSettings)
            .map(([trigger, settings]) => [trigger, cognitoActionsFor(trigger as TriggerName, settings)] as const)
            .filter(([, actions]) => actions.length > 0));
    }
}
