// A pool's password policy, checked the way Cognito checks it: the first rule a password breaks, in
// Cognito's own words, as InvalidPasswordException says it. The migration trigger checks passwords
// that come from another pool with it (Cognito does not), and the sandbox's gateway everything the
// emulator lets through.

export interface PasswordPolicy {
    readonly minimumLength: number;
    readonly requireLowercase: boolean;
    readonly requireUppercase: boolean;
    readonly requireNumbers: boolean;
    readonly requireSymbols: boolean;
}

/** Cognito's own policy, for a pool that states none: 8 characters, every class required. */
export const awsDefaultPasswordPolicy: PasswordPolicy = { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true };

// Cognito's symbol set for password policies: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and space.
const symbols = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Why Cognito refuses the password, or undefined when the policy accepts it. */
export function passwordProblem(password: unknown, policy: PasswordPolicy): string | undefined {
    const text = typeof password === "string" ? password : "";
    const rules: [boolean, string][] = [
        [[...text].length < policy.minimumLength, "Password not long enough"],
        [policy.requireLowercase && !/\p{Ll}/u.test(text), "Password must have lowercase characters"],
        [policy.requireUppercase && !/\p{Lu}/u.test(text), "Password must have uppercase characters"],
        [policy.requireNumbers && !/[0-9]/.test(text), "Password must have numeric characters"],
        [policy.requireSymbols && !symbols.test(text), "Password must have symbol characters"],
    ];
    const broken = rules.find(([breaks]) => breaks);
    return broken && `Password did not conform with policy: ${broken[1]}`;
}
