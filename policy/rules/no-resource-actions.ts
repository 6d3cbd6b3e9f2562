// Actions IAM cannot scope to a resource: the Service Authorization Reference lists no resource type
// for them (or only optional ones a policy need not name), so a policy must say "*" for them. A
// statement allowing one of these on "*" is not a wildcard-resource grant; any other action on "*"
// still is. Only actions the pack meets in identity-pool, guest and trigger roles are listed, by
// service, each with the reference page it was read from
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_<service>.html).
import { iamMatch } from "./grants";

const byService: Readonly<Record<string, { readonly source: string; readonly actions: readonly string[] }>> = {
    // Identity pool calls a client makes before it holds credentials.
    "cognito-identity": { source: "list_amazoncognitoidentity.html", actions: ["GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "DescribeIdentity"] },
    // SynthesizeSpeech names a lexicon only when the request uses one (optional resource type).
    polly: { source: "list_amazonpolly.html", actions: ["SynthesizeSpeech", "DescribeVoices"] },
    mobileanalytics: { source: "list_amazonmobileanalytics.html", actions: ["PutEvents"] },
    rekognition: { source: "list_amazonrekognition.html", actions: ["CompareFaces", "DetectFaces", "DetectLabels", "DetectModerationLabels", "DetectProtectiveEquipment", "DetectText", "RecognizeCelebrities", "CreateFaceLivenessSession", "StartFaceLivenessSession"] },
    textract: { source: "list_amazontextract.html", actions: ["AnalyzeDocument", "AnalyzeExpense", "AnalyzeID", "DetectDocumentText"] },
    // TranslateText names a terminology only when the request uses one (optional resource type).
    translate: { source: "list_amazontranslate.html", actions: ["TranslateText"] },
    iot: { source: "list_awsiot.html", actions: ["DescribeEndpoint"] },
    comprehend: { source: "list_amazoncomprehend.html", actions: ["DetectDominantLanguage", "DetectEntities", "DetectKeyPhrases", "DetectPiiEntities", "DetectSentiment", "DetectSyntax"] },
    transcribe: { source: "list_amazontranscribe.html", actions: ["StartStreamTranscription", "StartStreamTranscriptionWebSocket"] },
    // The X-Ray daemon's calls (AWSXRayDaemonWriteAccess): sampling rules and targets are account-wide.
    xray: { source: "list_awsx-ray.html", actions: ["PutTelemetryRecords", "PutTraceSegments", "GetSamplingRules", "GetSamplingTargets", "GetSamplingStatisticSummaries"] },
    cloudwatch: { source: "list_amazoncloudwatch.html", actions: ["PutMetricData"] },
    sts: { source: "list_awssecuritytokenservice.html", actions: ["GetCallerIdentity"] },
    s3: { source: "list_amazons3.html", actions: ["ListAllMyBuckets"] },
};

/** Every listed action, as "service:Action". */
const actionsWithoutResources: readonly string[] = Object.entries(byService).flatMap(([service, { actions }]) => actions.map((a) => `${service}:${a}`));

/**
 * Whether IAM lets this action be scoped to a resource: false for a listed action (however it is
 * cased). A wildcard action ("polly:*", "rekognition:Detect*") is judged as what it may cover, so it
 * is never exempt.
 */
export const hasResourceLevel = (action: string) => /[*?]/.test(action) || !actionsWithoutResources.some((listed) => iamMatch(listed, action));
