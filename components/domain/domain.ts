// The hosted sign-in domain: a Cognito prefix domain, or your own domain with its ACM certificate
// in us-east-1 (where Cognito's CloudFront distribution reads it), DNS validation and an alias in
// Route 53; plus branding, classic (CSS and logo) or managed login.
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as acm from "@pulumi/aws/acm";
import * as cognito from "@pulumi/aws/cognito";
import * as route53 from "@pulumi/aws/route53";
import { Provider, type ProviderArgs } from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { DomainSettings } from "../../config/schema";
import type { ResolvedClient } from "../app-clients/settings";
import { CognitoComponent, type Transform } from "../shared/component";
import { assertValid } from "../shared/validation";
import { domainDefaults, domainProblems } from "./settings";
import { hostedUrls, providerRegistration, signInUrl, signOutUrl, type PerLanguage, type ProviderRegistration } from "./urls";

export interface DomainArgs extends DomainSettings {
    /** The user pool's id. Required. */
    readonly userPoolId: pulumi.Input<string>;
    /** The pool's region: part of a prefix domain's host name. Required. */
    readonly region: string;
    /** Clients (name -> id) that get managed login branding. @default {} */
    readonly brandedClients?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Base folder of branding files. @default the current directory */
    readonly baseDir?: string;
    /** Changes the args of a child before it is created: a warned escape hatch. @default none */
    readonly transform?: DomainTransforms;
}

/** The children a transform can change. */
export interface DomainTransforms {
    readonly domain?: Transform<cognito.UserPoolDomainArgs>;
    /** The us-east-1 provider the certificate is created with. */
    readonly certificateProvider?: Transform<ProviderArgs>;
    readonly certificate?: Transform<acm.CertificateArgs>;
    readonly certificateValidation?: Transform<acm.CertificateValidationArgs>;
    /** The A and AAAA alias records of a custom domain. */
    readonly record?: Transform<route53.RecordArgs>;
    /** The DNS record that validates the certificate. */
    readonly certificateValidationRecord?: Transform<route53.RecordArgs>;
    readonly uiCustomization?: Transform<cognito.UserPoolUICustomizationArgs>;
    readonly branding?: Transform<cognito.ManagedLoginBrandingArgs>;
}

/**
 * The hosted sign-in domain: a Cognito prefix domain, or your own domain with its certificate and
 * DNS records, and its branding. Knows its sign-in and sign-out URLs.
 *
 * @example
 * const domain = new Domain("hosted", { userPoolId: pool.id, region: "eu-central-1", prefix: "news-auth" });
 * export const signIn = domain.signInUrls(clients);
 */
export class Domain extends CognitoComponent<DomainTransforms> {
    /** The user pool domain. */
    readonly domain: cognito.UserPoolDomain;
    /** The certificate created in us-east-1; only for a custom domain without certificateArn. */
    readonly certificate?: acm.Certificate;
    /** The A and AAAA aliases of a custom domain in its hosted zone; none without hostedZoneId. */
    readonly aliasRecords: readonly route53.Record[];
    /**
     * The record a custom domain whose DNS is not in Route 53 (no hostedZoneId) needs at its DNS
     * provider: a CNAME from the domain to Cognito's CloudFront distribution. None otherwise (a
     * prefix domain, or a hosted zone where the aliases are made here).
     */
    readonly dnsRecord?: pulumi.Output<{ readonly name: string; readonly type: "CNAME"; readonly value: string }>;
    /** Host name of the hosted sign-in. */
    readonly host: string;
    /** https://<host> */
    readonly baseUrl: string;

    constructor(name: string, args: DomainArgs, opts?: pulumi.ComponentResourceOptions) {
        const baseDir = args.baseDir ?? process.cwd();
        assertValid(`Domain "${name}"`, domainProblems(args, baseDir));
        super("Domain", name, args.transform, opts);
        const { prefix, customDomain } = args;
        const version = args.managedLoginVersion ?? domainDefaults.managedLoginVersion;
        this.host = customDomain ? customDomain.name : `${prefix}.auth.${args.region}.amazoncognito.com`;
        this.baseUrl = `https://${this.host}`;

        const issued = customDomain && !customDomain.certificateArn ? this.createCertificate(name, customDomain.name, customDomain.hostedZoneId!) : undefined;
        this.certificate = issued?.certificate;
        const certificateArn = customDomain ? (customDomain.certificateArn ?? issued!.arn) : undefined;
        this.domain = this.create("domain", cognito.UserPoolDomain, `${name}-domain`, {
            userPoolId: args.userPoolId,
            domain: customDomain ? customDomain.name : prefix!,
            certificateArn,
            managedLoginVersion: version,
        });

        this.aliasRecords = customDomain?.hostedZoneId
            ? (["A", "AAAA"] as const).map((type) => this.create("record", route53.Record, `${name}-alias-${type.toLowerCase()}`, {
                zoneId: customDomain.hostedZoneId!,
                name: customDomain.name,
                type,
                aliases: [{ name: this.domain.cloudfrontDistribution, zoneId: this.domain.cloudfrontDistributionZoneId, evaluateTargetHealth: false }],
            }))
            : [];
        if (customDomain && !customDomain.hostedZoneId) {
            this.dnsRecord = this.domain.cloudfrontDistribution.apply((value) => ({ name: customDomain.name, type: "CNAME" as const, value }));
        }
        this.createBranding(name, args, baseDir);
        this.registerOutputs({ host: this.host, baseUrl: this.baseUrl });
    }

    /** The hosted sign-in page of each web client, in English and Arabic (the pages take `lang`). */
    signInUrls(clients: { readonly resolved: readonly ResolvedClient[]; readonly clientIds: Readonly<Record<string, pulumi.Output<string>>> }): pulumi.Output<Record<string, PerLanguage>> {
        return hostedUrls(this.baseUrl, clients.resolved, clients.clientIds, signInUrl);
    }

    /** The hosted sign-out of each web client that has a sign-out URL, in English and Arabic. */
    signOutUrls(clients: { readonly resolved: readonly ResolvedClient[]; readonly clientIds: Readonly<Record<string, pulumi.Output<string>>> }): pulumi.Output<Record<string, PerLanguage>> {
        return hostedUrls(this.baseUrl, clients.resolved, clients.clientIds, signOutUrl);
    }

    /** Per identity provider (by its name in the pool), what to register with it. */
    providerRegistrations(providers: readonly { readonly name: string; readonly type: string }[], userPoolId: pulumi.Input<string>): pulumi.Output<Record<string, ProviderRegistration>> {
        return pulumi.output(userPoolId).apply((id) => Object.fromEntries(providers.map((p) => [p.name, providerRegistration(this.baseUrl, id, p.type)])));
    }

    /** A DNS-validated certificate in us-east-1: Cognito serves custom domains through CloudFront. */
    private createCertificate(name: string, domainName: string, hostedZoneId: string): { certificate: acm.Certificate; arn: pulumi.Output<string> } {
        const usEast1 = this.create("certificateProvider", Provider, `${name}-us-east-1`, { region: domainDefaults.certificateRegion });
        const certificate = this.create("certificate", acm.Certificate, `${name}-certificate`, { domainName, validationMethod: "DNS" }, { provider: usEast1 });
        const option = certificate.domainValidationOptions[0];
        const record = this.create("certificateValidationRecord", route53.Record, `${name}-certificate-validation`, {
            zoneId: hostedZoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 300,
            allowOverwrite: true,
        });
        const validation = this.create("certificateValidation", acm.CertificateValidation, `${name}-certificate-validated`, {
            certificateArn: certificate.arn,
            validationRecordFqdns: [record.fqdn],
        }, { provider: usEast1 });
        return { certificate, arn: validation.certificateArn };
    }

    private createBranding(name: string, args: DomainArgs, baseDir: string): void {
        const branding = args.branding;
        const file = (p: string) => path.resolve(baseDir, p);
        if (branding?.style === "classic") {
            this.create("uiCustomization", cognito.UserPoolUICustomization, `${name}-ui`, {
                userPoolId: args.userPoolId,
                css: fs.readFileSync(file(branding.cssFile ?? domainDefaults.classicCssFile), "utf8"),
                imageFile: fs.readFileSync(file(branding.logoFile ?? domainDefaults.classicLogoFile)).toString("base64"),
            }, { dependsOn: [this.domain] });
        }
        if (branding?.style === "managed") {
            const settings = branding.settingsFile ? JSON.stringify(JSON.parse(fs.readFileSync(file(branding.settingsFile), "utf8"))) : undefined;
            for (const [clientName, clientId] of Object.entries(args.brandedClients ?? {})) {
                this.create("branding", cognito.ManagedLoginBranding, `${name}-branding-${clientName}`, {
                    userPoolId: args.userPoolId,
                    clientId,
                    settings,
                    useCognitoProvidedValues: settings === undefined,
                }, { dependsOn: [this.domain] });
            }
        }
    }
}
