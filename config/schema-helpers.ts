// Small zod builders shared by every section of the stack config schema. Each one carries its own
// "allowed" wording, so that a bad value is reported with what would have been accepted.
import { z } from "zod";
import { allowedText, awsFields, ruleProblem, type TextRule } from "./aws-fields";
import { closest } from "./suggest";

/** An object that rejects unknown keys and names the keys it does know, and the one a misspelt key most likely meant. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
    const keys = Object.keys(shape);
    return z.strictObject(shape, {
        error: (issue) => {
            if (issue.code !== "unrecognized_keys") return undefined;
            const guesses = issue.keys.flatMap((k) => {
                const near = closest(k, keys);
                return near ? [`${issue.keys.length > 1 ? `${JSON.stringify(k)}: ` : ""}did you mean ${JSON.stringify(near)}?`] : [];
            });
            return `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}${guesses.length ? ` (${guesses.join("; ")})` : ""}; allowed keys: ${keys.join(", ")}`;
        },
    });
}

/**
 * A whole number within [min, max]. The whole-number check ends the checks when it fails: past 2^53
 * zod's int() and max() would both refuse 1e20, and the value would be reported twice.
 */
export function wholeNumber(min: number, max: number) {
    const allowed = `a whole number from ${min} to ${max}`;
    return z.number({ error: `expected ${allowed}` }).int({ error: `allowed: ${allowed}`, abort: true }).min(min, { error: `allowed: ${allowed}` }).max(max, { error: `allowed: ${allowed}` });
}

/** A string matching `pattern`, described in words for the error message. */
export function patterned(pattern: RegExp, allowed: string) {
    return z.string({ error: `expected a string (${allowed})` }).regex(pattern, { error: `allowed: ${allowed}` });
}

/** A list without duplicates. */
export function uniqueList<T extends z.ZodTypeAny>(item: T, what: string) {
    return z.array(item).refine((list) => new Set(list).size === list.length, {
        error: `allowed: a list of ${what} without duplicates`,
    });
}

/**
 * A value sent to AWS as it is, held here to the rule AWS's API reference gives for its field
 * (aws-fields.ts): refused with what AWS allows before `pulumi up` could stop on it. The check ends
 * the value's checks when it fails, so a narrower project rule chained after it adds no second line.
 */
export function awsText(rule: TextRule) {
    return z.string({ error: `expected a string (${allowedText(rule)})` })
        .refine((value) => ruleProblem(rule, value) === undefined, { error: (issue) => ruleProblem(rule, issue.input), abort: true });
}

export const arn = patterned(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/, "an ARN such as arn:aws:iam::123456789012:role/name");

export const emailAddress = patterned(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, "an email address such as news@example.com");

export const awsRegion = patterned(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as eu-central-1");

/** An OAuth scope as clients ask for it ("openid", "<resource server>/<scope>"): what Cognito accepts in a client's scope list. */
export const scopeName = awsText(awsFields.oauthScope);
