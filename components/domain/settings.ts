// Domain: defaults and the checks of its settings (prefix rules, certificate region, branding
// files). Pure but for reading the branding files it checks.
import * as fs from "fs";
import * as path from "path";
import { awsFields, ruleProblem } from "../../config/aws-fields";
import type { DomainSettings } from "../../config/schema";
import { ProblemList, type Problem } from "../shared/validation";

export const domainDefaults = {
    managedLoginVersion: 2,
    classicCssFile: "branding/classic.css",
    classicLogoFile: "branding/logo.png",
    /** Cognito's limit for the classic logo. */
    maxLogoBytes: 100 * 1024,
    certificateRegion: "us-east-1",
} as const;

const reservedWords = ["aws", "amazon", "cognito"];

function readableFile(p: ProblemList, field: string, baseDir: string, file: string): boolean {
    const ok = fs.existsSync(path.resolve(baseDir, file));
    p.check(ok, field, `file ${JSON.stringify(file)} not found (paths are relative to ${baseDir})`);
    return ok;
}

export function domainProblems(settings: DomainSettings, baseDir: string): Problem[] {
    const p = new ProblemList();
    const { prefix, customDomain } = settings;
    p.check((prefix === undefined) !== (customDomain === undefined), "", "give exactly one of prefix and customDomain");
    if (prefix !== undefined) {
        const problem = ruleProblem(awsFields.userPoolDomainPrefix, prefix);
        if (problem) p.add("prefix", `got ${JSON.stringify(prefix)}; ${problem}`);
        const reserved = reservedWords.filter((w) => prefix.includes(w));
        p.check(reserved.length === 0, "prefix", `got ${JSON.stringify(prefix)}; it may not contain ${reserved.map((w) => JSON.stringify(w)).join(", ")} (reserved by AWS)`);
    }
    if (customDomain) {
        p.check(customDomain.hostedZoneId !== undefined || customDomain.certificateArn !== undefined, "customDomain",
            "give hostedZoneId (to create and validate a certificate) or certificateArn (an issued certificate in us-east-1)");
        if (customDomain.certificateArn) p.check(customDomain.certificateArn.startsWith(`arn:aws:acm:${domainDefaults.certificateRegion}:`), "customDomain.certificateArn",
            `got ${JSON.stringify(customDomain.certificateArn)}; the certificate must be an ACM certificate in us-east-1`);
    }
    const version = settings.managedLoginVersion ?? domainDefaults.managedLoginVersion;
    const branding = settings.branding;
    if (branding?.style === "classic") {
        p.check(version === 1, "branding.style", `"classic" branding needs managedLoginVersion 1 (got ${version})`);
        readableFile(p, "branding.cssFile", baseDir, branding.cssFile ?? domainDefaults.classicCssFile);
        const logo = branding.logoFile ?? domainDefaults.classicLogoFile;
        p.check(/\.(png|jpe?g)$/i.test(logo), "branding.logoFile", `got ${JSON.stringify(logo)}; allowed: a .png or .jpg file`);
        if (readableFile(p, "branding.logoFile", baseDir, logo)) {
            const size = fs.statSync(path.resolve(baseDir, logo)).size;
            p.check(size <= domainDefaults.maxLogoBytes, "branding.logoFile", `${logo} is ${size} bytes; allowed: at most ${domainDefaults.maxLogoBytes}`);
        }
    }
    if (branding?.style === "managed") {
        p.check(version === 2, "branding.style", `"managed" branding needs managedLoginVersion 2 (got ${version})`);
        if (branding.settingsFile && readableFile(p, "branding.settingsFile", baseDir, branding.settingsFile)) {
            try {
                JSON.parse(fs.readFileSync(path.resolve(baseDir, branding.settingsFile), "utf8"));
            } catch (e) {
                p.add("branding.settingsFile", `${branding.settingsFile} is not valid JSON: ${(e as Error).message}`);
            }
        }
    }
    return p.problems;
}
