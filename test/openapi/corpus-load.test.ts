import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/load.ts';
import { intrinsicText } from '../../src/openapi/aws.ts';
import { sampleFromSchema } from '../../src/openapi/sample.ts';
import { toValidationSchema } from '../../src/openapi/schemas.ts';
import { schemaProblems } from '../../src/checks/route/body-schema.ts';
import type { JsonSchema } from '../../src/openapi/model.ts';

/** The loader on the real public documents of test/corpus (see its README): what used to be dropped or refused. */
const corpus = (path: string): string => fileURLToPath(new URL(`../corpus/specs/${path}`, import.meta.url));

describe('loadSpec on real public documents: nothing dropped, nothing refused that is valid', () => {
  it('keeps recursive schemas of a multi-file spec: every operation loads and sampled bodies validate to any depth', async () => {
    const model = await loadSpec(corpus('ga4gh-drs-multifile/openapi/data_repository_service.openapi.yaml'));
    expect(model.operations.map((o) => o.key)).toEqual(['GET /objects/{object_id}', 'GET /objects/{object_id}/access/{access_id}']);
    const drsObject = model.operations[0]!.responses.find((r) => r.status === '200')!.content[0]!.schema!;
    const contents = (drsObject.properties as Record<string, JsonSchema>).contents!;
    const contentsObject = contents.items as JsonSchema;
    // The recursion is kept as it is written: ContentsObject.contents.items is ContentsObject itself.
    expect((contentsObject.properties as Record<string, JsonSchema>).contents!.items).toBe(contentsObject);
    const body = sampleFromSchema(drsObject, 7);
    expect(schemaProblems(drsObject, body)).toEqual({ problems: [] });
    const nested = { ...(body as object), contents: [{ name: 'a', contents: [{ name: 'b', contents: [{ name: 42 }] }] }] };
    expect(schemaProblems(drsObject, nested).problems).toEqual(['/contents/0/contents/0/contents/0/name must be string']);
    expect(JSON.stringify(toValidationSchema(drsObject))).toContain('"$ref":"#/definitions/gateproof-recursive-0"');
  });

  it('reads `swagger: 2.0` written as a YAML number, with a warning', async () => {
    const model = await loadSpec(corpus('aws-serverless-express-proxy/simple-proxy-api.yaml'));
    expect(model.specVersion).toBe('2.0');
    expect(model.operations.map((o) => o.key)).toEqual(['ANY /', 'OPTIONS /', 'ANY /{proxy+}', 'OPTIONS /{proxy+}']);
    expect(model.warnings[0]!.message).toMatch(/swagger version is written as a YAML number \(2\); read as "2\.0"/);
    expect(model.warnings).toContainEqual({ operation: 'ANY /{proxy+}', message: expect.stringMatching(/documents no responses/) });
  });

  it('loads an OAS 3.1 document that has only webhooks: no operations, and a warning that says why', async () => {
    const model = await loadSpec(corpus('oai-webhook-only-v31/webhook-example.yaml'));
    expect(model.operations).toEqual([]);
    expect(model.warnings).toEqual([{ message: '1 webhook (newPet) not gated: a webhook is a request the API sends, not a route its gateway serves' }]);
  });

  it('reads CloudFormation intrinsics in integrations as readable text instead of dropping them', async () => {
    const proxy = await loadSpec(corpus('aws-rest-vpclink-proxy/api.yaml'));
    expect(proxy.operations[0]!.integration).toMatchObject({ type: 'http_proxy', uri: 'http://${PrivateALB.DNSName}/{proxy}' });
    const dynamo = await loadSpec(corpus('aws-rest-dynamodb-iam/api.yaml'));
    expect(dynamo.operations.map((o) => o.integration?.uri)).toContain('arn:aws:apigateway:${AWS::Region}:dynamodb:action/GetItem');
    const sqs = await loadSpec(corpus('aws-http-api-sqs/api.yaml'));
    expect(sqs.operations[0]!.integration?.requestParameters).toEqual({ MessageBody: '$request.body', QueueUrl: '${MySqsQueue}' });
  });

  it('IAM (awsSigv4) routes are not API-key routes; optional security ({} among the alternatives) is public, with a warning', async () => {
    const s3 = await loadSpec(corpus('aws-s3-proxy/s3-proxy.swagger.json'));
    expect(s3.operations.map((o) => o.key)).toContain('HEAD /{folder}/{item}');
    expect(s3.operations.every((o) => !o.apiKeyRequired && o.security[0]![0]!.scheme.awsAuthType === 'awsSigv4')).toBe(true);
    const drs = await loadSpec(corpus('ga4gh-drs-multifile/openapi/data_repository_service.openapi.yaml'));
    expect(drs.operations.every((o) => o.security.length === 0)).toBe(true);
    expect(drs.warnings.filter((w) => /allows anonymous requests/.test(w.message)).map((w) => w.operation)).toEqual(drs.operations.map((o) => o.key));
  });
});

describe('intrinsicText', () => {
  it('reads Fn::Sub (both forms), Ref, Fn::GetAtt and Fn::Join; gives up on what needs a deployment', () => {
    expect(intrinsicText({ 'Fn::Sub': 'http://${Alb.DNSName}/{proxy}' })).toBe('http://${Alb.DNSName}/{proxy}');
    expect(intrinsicText({ 'Fn::Sub': ['arn:${Partition}:x:${Name}', { Name: 'orders', Partition: { Ref: 'AWS::Partition' } }] })).toBe(
      'arn:${AWS::Partition}:x:orders',
    );
    expect(intrinsicText({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('${Role.Arn}');
    expect(intrinsicText({ 'Fn::Join': ['', ['https://', { Ref: 'Host' }, '/v1']] })).toBe('https://${Host}/v1');
    expect(intrinsicText({ 'Fn::If': ['IsProd', 'a', 'b'] })).toBeUndefined();
    expect(intrinsicText({ 'Fn::ImportValue': 'x' })).toBeUndefined();
  });
});
