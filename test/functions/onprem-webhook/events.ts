// API Gateway proxy events as REST APIs (payload 1.0) and HTTP APIs (payload 2.0) deliver them.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

export interface HttpInput {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body: Buffer | string;
  base64?: boolean;
}

const bodyText = (i: HttpInput): string => (i.base64 ? Buffer.from(i.body).toString('base64') : Buffer.from(i.body).toString('utf8'));

/** A REST API (v1) Lambda proxy event for `/k8s-audit/{cluster+}` on stage prod. */
export function restEvent(i: HttpInput): APIGatewayProxyEvent {
  const headers = { Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'User-Agent': 'kube-apiserver-admission', ...i.headers };
  const query = i.query ?? null;
  return {
    resource: '/k8s-audit/{cluster+}',
    path: i.path,
    httpMethod: i.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: { cluster: i.path.split('/')[2] ?? '' },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: i.method ?? 'POST',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '198.51.100.10',
        user: null,
        userAgent: 'kube-apiserver-admission',
        userArn: null,
      },
      path: `/prod${i.path}`,
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_763_630_043_123,
      resourceId: 'x1y2z3',
      resourcePath: '/k8s-audit/{cluster+}',
    },
    body: bodyText(i),
    isBase64Encoded: i.base64 === true,
  };
}

/** An HTTP API (v2) event on a named stage `live` (so rawPath starts with /live). */
export function httpApiEvent(i: HttpInput): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(i.query ?? {}).toString();
  const headers = Object.fromEntries(Object.entries({ host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...i.headers }).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: '2.0',
    routeKey: 'POST /k8s-audit/{proxy+}',
    rawPath: `/live${i.path}`,
    rawQueryString,
    headers,
    ...(i.query ? { queryStringParameters: i.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: i.method ?? 'POST', path: `/live${i.path}`, protocol: 'HTTP/1.1', sourceIp: '198.51.100.10', userAgent: 'kube-apiserver-admission' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /k8s-audit/{proxy+}',
      stage: 'live',
      time: '20/Nov/2026:09:14:03 +0000',
      timeEpoch: 1_763_630_043_123,
    },
    body: bodyText(i),
    isBase64Encoded: i.base64 === true,
  };
}
