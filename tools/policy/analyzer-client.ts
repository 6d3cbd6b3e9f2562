// Drives the policy pack the way `pulumi preview --policy-pack` does: starts policy/ as a plugin
// process (Pulumi's run-policy-pack), reads the port it prints, and talks to it over gRPC with the
// analyzer service from @pulumi/pulumi/proto: GetAnalyzerInfo, Configure, Analyze, AnalyzeStack.
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import type { PlannedResource } from "../harness/run-program";
import { projectRoot } from "../harness/stack-file";
import { analyzed, optionsOf, parentUrns, type Violation } from "./evaluate";
import { policyDir, type PackConfig } from "./pack-config";

// The generated protobuf modules have no typings for require(); these are the parts used here.
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

const levels = ["advisory", "mandatory", "disabled", "remediate"] as const;
const levelEnum: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

export interface PolicyInfoSeen {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: string;
    readonly configSchema: Record<string, unknown>;
}

export interface AnalyzerInfoSeen {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyInfoSeen[];
}

export interface RunningPack {
    readonly port: number;
    info(): Promise<AnalyzerInfoSeen>;
    configure(config: PackConfig): Promise<void>;
    /** Analyze for each resource, then AnalyzeStack, as in a preview. */
    analyzeAll(resources: readonly PlannedResource[]): Promise<Violation[]>;
    /** Ends the plugin process; resolves with how it exited. */
    stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}

function resourceOptions(r: PlannedResource, parentUrn: string | undefined) {
    const o = optionsOf(r, parentUrn);
    const options = new analyzerPb.AnalyzerResourceOptions();
    options.setProtect(o.protect);
    options.setIgnorechangesList(o.ignoreChanges);
    if (o.parent) options.setParent(o.parent);
    return options;
}

/** What AnalyzeRequest and AnalyzerResource share: the resource, its properties and options. */
function describeResource<M>(message: M, r: PlannedResource, properties: Record<string, unknown>, parentUrn: string | undefined): M {
    const m = message as any;
    m.setType(r.type);
    m.setUrn(r.urn);
    m.setName(r.name);
    m.setProperties(Struct.fromJavaScript(properties));
    m.setOptions(resourceOptions(r, parentUrn));
    return message;
}

function diagnostics(response: any, urn: string): Violation[] {
    return response.getDiagnosticsList().map((d: any): Violation => ({
        policyName: d.getPolicyname(),
        enforcementLevel: levels[d.getEnforcementlevel()],
        message: d.getMessage(),
        // Resource diagnostics come without a URN: the engine knows which resource it asked about.
        urn: d.getUrn() || urn,
    }));
}

/** A pack started ahead of its use (prestartPolicyPack), for the next startPolicyPack with its address. */
let prestarted: { readonly engineAddress: string; readonly pack: Promise<RunningPack> } | undefined;

/**
 * Starts policy/ as the engine would start a Node.js policy pack plugin, or hands over the pack
 * prestartPolicyPack started for the same engine address (once).
 */
export function startPolicyPack(engineAddress = "127.0.0.1:0"): Promise<RunningPack> {
    if (prestarted?.engineAddress === engineAddress) {
        const { pack } = prestarted;
        prestarted = undefined;
        return pack;
    }
    return launchPolicyPack(engineAddress);
}

/**
 * Starts the pack now, for a startPolicyPack to come: the plugin spends seconds type-checking
 * policy/ (Pulumi's run-policy-pack compiles it with ts-node, types checked), time that can pass
 * while other work runs on another core.
 */
export function prestartPolicyPack(engineAddress = "127.0.0.1:0"): void {
    if (prestarted) return;
    const pack = launchPolicyPack(engineAddress);
    pack.catch(() => undefined); // reported to whoever takes it
    prestarted = { engineAddress, pack };
}

/** Ends a prestarted pack nobody took. */
export async function stopPrestartedPolicyPack(): Promise<void> {
    const pack = prestarted?.pack;
    prestarted = undefined;
    if (pack) await pack.then((p) => p.stop(), () => undefined);
}

function launchPolicyPack(engineAddress: string): Promise<RunningPack> {
    const runner = path.join(projectRoot, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js");
    const child: ChildProcess = spawn(process.execPath, [runner, engineAddress, "."], { cwd: policyDir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })));

    return new Promise((resolve, reject) => {
        let stdout = "";
        const onData = (chunk: Buffer) => {
            stdout += chunk;
            const line = stdout.split("\n")[0].trim();
            if (!stdout.includes("\n") || !/^\d+$/.test(line)) return;
            child.stdout!.off("data", onData);
            const port = Number(line);
            const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            resolve({
                port,
                async info() {
                    const info = await call<any>(client, "getAnalyzerInfo", new Empty());
                    return {
                        name: info.getName(),
                        version: info.getVersion(),
                        supportsConfig: info.getSupportsconfig(),
                        policies: info.getPoliciesList().map((p: any) => ({
                            name: p.getName(),
                            description: p.getDescription(),
                            enforcementLevel: levels[p.getEnforcementlevel()],
                            configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
                        })),
                    };
                },
                async configure(config) {
                    const request = new analyzerPb.ConfigureAnalyzerRequest();
                    const map = request.getPolicyconfigMap();
                    for (const [name, settings] of Object.entries(config)) {
                        const policyConfig = new analyzerPb.PolicyConfig();
                        policyConfig.setEnforcementlevel(levelEnum[settings.enforcementLevel]);
                        policyConfig.setProperties(Struct.fromJavaScript(settings.properties));
                        map.set(name, policyConfig);
                    }
                    await call(client, "configure", request);
                },
                async analyzeAll(resources) {
                    const targets = analyzed(resources);
                    const parentUrn = parentUrns(resources);
                    const found: Violation[] = [];
                    for (const r of targets) {
                        // Analyze sees a resource's inputs; AnalyzeStack sees every resource's state.
                        const request = describeResource(new analyzerPb.AnalyzeRequest(), r, r.inputs, parentUrn(r));
                        found.push(...diagnostics(await call(client, "analyze", request), r.urn));
                    }
                    const stackRequest = new analyzerPb.AnalyzeStackRequest();
                    stackRequest.setResourcesList(targets.map((r) => {
                        const resource = describeResource(new analyzerPb.AnalyzerResource(), r, r.outputs, parentUrn(r));
                        if (parentUrn(r)) resource.setParent(parentUrn(r));
                        return resource;
                    }));
                    found.push(...diagnostics(await call(client, "analyzeStack", stackRequest), ""));
                    return found;
                },
                async stop() {
                    client.close();
                    child.kill("SIGTERM");
                    return exited;
                },
            });
        };
        child.stdout!.on("data", onData);
        exited.then(({ code, signal }) => reject(new Error(`the policy pack exited before printing its port (code ${code}, signal ${signal}):\n${stderr}`)));
    });
}
