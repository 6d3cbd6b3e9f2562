// The hosted sign-in domain: a Cognito prefix domain, or your own domain with its ACM certificate
// in us-east-1 (where Cognito's CloudFront distribution reads it), DNS validation and an alias in
// Route 53; plus branding, classic (CSS and logo) or managed login.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { DomainSettings } from "../../config/schema";
import { assertValid } from "../shared/validation";
import { domainDefaults, domainProblems } from "./settings";

export interface DomainArgs {
    readonly userPoolId: pulumi.Input<string>;
    /** The pool's region: part of a prefix domain's host name. */
    readonly region: string;
    readonly settings: DomainSettings;
    /** Clients (name -> id) that get managed login branding. @default {} */
    readonly brandedClients?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Base folder of branding files. @default the project root */
    readonly baseDir?: string;
}

export class Domain extends pulumi.ComponentResource {
    readonly domain: aws.cognito.UserPoolDomain;
    readonly certificate?: aws.acm.Certificate;
    readonly aliasRecords: readonly aws.route53.Record[];
    /** Host name of the hosted sign-in. */
    readonly host: string;
    /** https://<host> */
    readonly baseUrl: string;

    constructor(name: string, args: DomainArgs, opts?: pulumi.ComponentResourceOptions) {
        const baseDir = args.baseDir ?? process.cwd();
        assertValid(`Domain "${name}"`, domainProblems(args.settings, baseDir));
        super("cognito-as-code:index:Domain", name, {}, opts);
        const { prefix, customDomain } = args.settings;
        const version = args.settings.managedLoginVersion ?? domainDefaults.managedLoginVersion;
        this.host = customDomain ? customDomain.name : `${prefix}.auth.${args.region}.amazoncognito.com`;
        this.baseUrl = `https://${this.host}`;

        const issued = customDomain && !customDomain.certificateArn ? this.createCertificate(name, customDomain.name, customDomain.hostedZoneId!) : undefined;
        this.certificate = issued?.certificate;
        const certificateArn = customDomain ? (customDomain.certificateArn ?? issued!.arn) : undefined;
        this.domain = new aws.cognito.UserPoolDomain(`${name}-domain`, {
            userPoolId: args.userPoolId,
            domain: customDomain ? customDomain.name : prefix!,
            certificateArn,
            managedLoginVersion: version,
        }, { parent: this });

        this.aliasRecords = customDomain?.hostedZoneId
            ? (["A", "AAAA"] as const).map((type) => new aws.route53.Record(`${name}-alias-${type.toLowerCase()}`, {
                zoneId: customDomain.hostedZoneId!,
                name: customDomain.name,
                type,
                aliases: [{ name: this.domain.cloudfrontDistribution, zoneId: this.domain.cloudfrontDistributionZoneId, evaluateTargetHealth: false }],
            }, { parent: this }))
            : [];
        this.createBranding(name, args, baseDir);
        this.registerOutputs({ host: this.host, baseUrl: this.baseUrl });
    }

    /** A DNS-validated certificate in us-east-1: Cognito serves custom domains through CloudFront. */
    private createCertificate(name: string, domainName: string, hostedZoneId: string): { certificate: aws.acm.Certificate; arn: pulumi.Output<string> } {
        const usEast1 = new aws.Provider(`${name}-us-east-1`, { region: domainDefaults.certificateRegion }, { parent: this });
        const certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName, validationMethod: "DNS" }, { parent: this, provider: usEast1 });
        const option = certificate.domainValidationOptions[0];
        const record = new aws.route53.Record(`${name}-certificate-validation`, {
            zoneId: hostedZoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 300,
            allowOverwrite: true,
        }, { parent: this });
        const validation = new aws.acm.CertificateValidation(`${name}-certificate-validated`, {
            certificateArn: certificate.arn,
            validationRecordFqdns: [record.fqdn],
        }, { parent: this, provider: usEast1 });
        return { certificate, arn: validation.certificateArn };
    }

    private createBranding(name: string, args: DomainArgs, baseDir: string): void {
        const branding = args.settings.branding;
        const file = (p: string) => path.resolve(baseDir, p);
        if (branding?.style === "classic") {
            new aws.cognito.UserPoolUICustomization(`${name}-ui`, {
                userPoolId: args.userPoolId,
                css: fs.readFileSync(file(branding.cssFile ?? domainDefaults.classicCssFile), "utf8"),
                imageFile: fs.readFileSync(file(branding.logoFile ?? domainDefaults.classicLogoFile)).toString("base64"),
            }, { parent: this, dependsOn: [this.domain] });
        }
        if (branding?.style === "managed") {
            const settings = branding.settingsFile ? JSON.stringify(JSON.parse(fs.readFileSync(file(branding.settingsFile), "utf8"))) : undefined;
            for (const [clientName, clientId] of Object.entries(args.brandedClients ?? {})) {
                new aws.cognito.ManagedLoginBranding(`${name}-branding-${clientName}`, {
                    userPoolId: args.userPoolId,
                    clientId,
                    settings,
                    useCognitoProvidedValues: settings === undefined,
                }, { parent: this, dependsOn: [this.domain] });
            }
        }
    }
}
