// cognito-role-mapping: rule-based role mapping over claims nobody but the backend sets, matched
// with Equals, denying a user no rule matches; in whatever shape another program wrote it.
import * as assert from "assert";
import { customAttributeWrites } from "../../policy/rules/clients";
import { roleMapping } from "../../policy/rules/identity-pool";
import { awsTypes as types } from "../../policy/rules/type-tokens";
import { resource, unknown, violations } from "../support/policy";

const arn = (name: string) => `arn:aws:iam::1:role/${name}`;
const provider = "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_P:client1";
const attachment = (roleMappings: unknown) => resource(types.roleAttachment, { identityPoolId: "eu-central-1:1111", roles: { authenticated: arn("auth") }, roleMappings }, { name: "roles" });
const rules = (mappingRules: unknown, extra: Record<string, unknown> = {}) => ({ identityProvider: provider, type: "Rules", ambiguousRoleResolution: "Deny", mappingRules, ...extra });
const client = (name: string, writeAttributes?: unknown) => resource(types.client, { ...(writeAttributes !== undefined && { writeAttributes }) }, { name });
const google = resource(types.identityProvider, { providerName: "Google", attributeMapping: { email: "email", "custom:dept": "hd" } }, { name: "google" });
const tier = (claim: string, matchType = "Equals") => ({ claim, matchType, value: "gold", roleArn: arn("gold") });
const at = `The role mapping for ${provider}`;

describe("cognito-role-mapping", () => {
    it("agrees with cognito-custom-attribute-writes on who writes a custom claim: a client without writeAttributes writes every custom attribute of its pool", async () => {
        const pool = (...custom: string[]) => resource(types.userPool, { id: "eu-central-1_P", schemas: [{ name: "email" }, ...custom.map((name) => ({ name, attributeDataType: "String" }))] }, { name: "pool" });
        const legacy = resource(types.client, { userPoolId: "eu-central-1_P" }, { name: "legacy" });
        const mapping = attachment([rules([tier("custom:tier")])]);
        assert.deepStrictEqual(await violations(roleMapping, [pool("tier"), legacy, mapping]), [
            `mandatory: ${at}: rule 1 picks a role from the claim custom:tier, which is set by users through client legacy (writeAttributes unset: every attribute is writable); whoever sets it chooses the role.`,
        ]);
        assert.deepStrictEqual(await violations(customAttributeWrites, [pool("tier"), legacy, mapping]), ["mandatory: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:tier."]);
        // The pool has no custom:tier: no client can write it, and the writes rule names only what exists.
        assert.deepStrictEqual(await violations(roleMapping, [pool("plan"), legacy, mapping]), []);
        assert.deepStrictEqual(await violations(customAttributeWrites, [pool("plan"), legacy, mapping]), ["mandatory: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:plan."]);
        // A developer-only attribute is the backend's alone.
        const devOnly = resource(types.userPool, { id: "eu-central-1_P", schemas: [{ name: "tier", developerOnlyAttribute: true }] }, { name: "pool" });
        assert.deepStrictEqual(await violations(roleMapping, [devOnly, legacy, mapping]), []);
        assert.deepStrictEqual(await violations(customAttributeWrites, [devOnly, legacy, mapping]), []);
    });

    it("passes Equals rules on claims only the backend sets, with Deny, and Token mapping with AuthenticatedRole", async () => {
        const stack = [client("web", ["email", "custom:newsletter"]), google,
            attachment([rules([tier("custom:tier"), tier("cognito:groups")]), { identityProvider: "other", type: "Token", ambiguousRoleResolution: "AuthenticatedRole" }])];
        assert.deepStrictEqual(await violations(roleMapping, stack), []);
        assert.deepStrictEqual(await violations(roleMapping, [attachment(undefined)]), [], "no role mapping");
    });

    it("refuses claims users can write or a provider maps, loose match types and a fallback other than Deny", async () => {
        const stack = [client("web", ["custom:tier"]), client("admin", ["email"]), client("legacy"), google,
            attachment([rules([tier("custom:tier", "StartsWith"), tier("custom:dept"), tier("email", "NotEqual"), tier("plan", "Contains")], { ambiguousRoleResolution: "AuthenticatedRole" })])];
        assert.deepStrictEqual(await violations(roleMapping, stack), [
            `mandatory: ${at}: ambiguousRoleResolution is AuthenticatedRole, not Deny, so a user no rule matches still gets a role.`,
            `mandatory: ${at}: rule 1 picks a role from the claim custom:tier, which is set by users through client web (in its writeAttributes), users through client legacy (writeAttributes unset: every attribute is writable); whoever sets it chooses the role.`,
            `mandatory: ${at}: rule 1 matches custom:tier with StartsWith, which also matches values nobody meant; use Equals.`,
            `mandatory: ${at}: rule 2 picks a role from the claim custom:dept, which is set by users through client legacy (writeAttributes unset: every attribute is writable), identity provider Google (attributeMapping); whoever sets it chooses the role.`,
            `mandatory: ${at}: rule 3 picks a role from the claim email, which is set by identity provider Google (attributeMapping); whoever sets it chooses the role.`,
            `mandatory: ${at}: rule 3 matches email with NotEqual, which also matches values nobody meant; use Equals.`,
            `mandatory: ${at}: rule 4 matches plan with Contains, which also matches values nobody meant; use Equals.`,
        ]);
        assert.deepStrictEqual(await violations(roleMapping, [attachment([rules([tier("cognito:groups")], { ambiguousRoleResolution: undefined })])], "advisory"), [
            `advisory: ${at}: ambiguousRoleResolution is not set, not Deny, so a user no rule matches still gets a role.`,
        ]);
    });

    it("reads odd shapes as what they mean: one object or a one-element list, a map by provider, enums in any case, one rule for a list", async () => {
        const loose = { claim: "plan", matchType: "starts_with", value: "g", roleArn: arn("gold") };
        const expected = (name: string) => [
            `mandatory: The ${name}: ambiguousRoleResolution is authenticatedrole, not Deny, so a user no rule matches still gets a role.`,
            `mandatory: The ${name}: rule 1 matches plan with StartsWith, which also matches values nobody meant; use Equals.`,
        ];
        const mapping = { identityProvider: provider, type: "RULES", ambiguousRoleResolution: "authenticatedrole", mappingRules: loose };
        assert.deepStrictEqual(await violations(roleMapping, [attachment(mapping)]), expected(`role mapping for ${provider}`));
        assert.deepStrictEqual(await violations(roleMapping, [attachment([mapping])]), expected(`role mapping for ${provider}`));
        assert.deepStrictEqual(await violations(roleMapping, [attachment({ [provider]: { type: "rules", ambiguousRoleResolution: "authenticatedrole", rulesConfiguration: { rules: [loose] } } })]), expected(`role mapping for ${provider}`));
        const untyped = { ambiguousRoleResolution: "authenticatedrole", mappingRules: [null, loose] };
        assert.deepStrictEqual(await violations(roleMapping, [attachment([null, untyped])]), [
            "mandatory: The role mapping 1: ambiguousRoleResolution is authenticatedrole, not Deny, so a user no rule matches still gets a role.",
            "mandatory: The role mapping 1: rule 1 matches plan with StartsWith, which also matches values nobody meant; use Equals.",
        ], "null entries skipped, no type but rules is Rules");
        assert.deepStrictEqual(await violations(roleMapping, [attachment({ type: "token", ambiguousRoleResolution: "AuthenticatedRole" })]), [], "Token in lower case");
        assert.deepStrictEqual(await violations(roleMapping, [client("web", "custom:tier"), attachment(rules(tier("CUSTOM:Tier")))]), [
            `mandatory: ${at}: rule 1 picks a role from the claim CUSTOM:Tier, which is set by users through client web (in its writeAttributes); whoever sets it chooses the role.`,
        ], "writeAttributes as one string, the claim in another case");
    });

    it("never throws: a rule that is not an object is reported, nonsense reads as unset", async () => {
        assert.deepStrictEqual(await violations(roleMapping, [resource(types.identityProvider, { attributeMapping: "email" }), client("web", [null, 3]), attachment([rules(["custom:tier", { claim: 7, matchType: null }])]), attachment("nonsense"), attachment(42)]), [
            `mandatory: ${at}: rule 1 is "custom:tier", not a mapping rule; check it by hand.`,
        ]);
    });

    it("leaves a mapping a preview cannot know to the server", async () => {
        assert.deepStrictEqual(await violations(roleMapping, [attachment(unknown)]), [
            "advisory: can't run policy 'cognito-role-mapping' from policy pack 'cognito-security@v0.1.0' during preview: string value at .roleMappings can't be known during preview",
        ]);
    });
});
