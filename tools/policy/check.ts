// The policy check of one planned stack: the policy config its stage takes, every rule, a report.
import * as path from "path";
import { packName, policies } from "../../policy/rules";
import type { Plan } from "../harness/run-stack";
import { projectRoot } from "../harness/stack-file";
import { evaluatePolicies, type Violation } from "./evaluate";
import { loadPackConfigFile, packVersion } from "./pack-config";

export interface PolicyReport {
    readonly configFile: string;
    readonly violations: readonly Violation[];
    readonly mandatory: number;
}

export async function checkPlan(plan: Plan): Promise<PolicyReport> {
    const violations = await evaluatePolicies(plan.resources, policies, loadPackConfigFile(plan.policyConfig, policies), { name: packName, version: packVersion() });
    return {
        configFile: path.relative(projectRoot, plan.policyConfig),
        violations,
        mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    };
}

const resourceOf = (urn: string) => (urn ? urn.split("::").slice(-2).map((part, i) => (i === 0 ? part.split("$").pop() : part)).join(" ") : "(stack)");

export function renderPolicyReport(report: PolicyReport): string {
    const advisory = report.violations.length - report.mandatory;
    const lines = [`Policy pack ${packName} with ${report.configFile}: ${report.mandatory} mandatory, ${advisory} advisory violation(s)`];
    for (const v of report.violations) {
        const [description, ...detail] = v.message.split("\n");
        lines.push(`  [${v.enforcementLevel}] ${v.policyName}  ${resourceOf(v.urn)}`, `      ${detail.join(" ") || description}`);
    }
    return lines.join("\n");
}
