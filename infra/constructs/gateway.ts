/**
 * The HTTP API in front of the API function. Created before the function so that CloudFront (which
 * needs the API's host name) and Cognito (which needs CloudFront's) can be built in between; the
 * routes are added by `routeTo` once the function exists.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';

/** Paths any caller may GET: the load balancer-style health check and the API's own documentation. */
export const PUBLIC_PATHS = ['/api/health', '/api/openapi.json', '/api/docs'] as const;

/** Stage-wide throttling: ample for a county's few hundred users, a brake on a runaway client. */
export const THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

export interface GatewayProps {
  readonly alarms: Alarms;
}

/** Whose tokens the API accepts: Cognito's user pool or the bureau's OpenID Connect provider. */
export interface GatewayAuth {
  /** The `iss` of the tokens; the authorizer fetches its discovery document and keys. */
  readonly issuer: string;
  /** Accepted `aud` values (the web client's id). */
  readonly audience: readonly string[];
}

export class Gateway extends Construct {
  readonly httpApi: apigw.HttpApi;
  /** The execute-api host name, CloudFront's origin for `/api/*`. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Kaoping API, reached through CloudFront under /api',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    this.domainName = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;

    props.alarms.whenSumReaches(
      'Api5xx',
      this.httpApi.metricServerError(),
      1,
      'The HTTP API answered 5xx (function error, timeout or throttling).',
    );
  }

  /**
   * Sends every `/api/*` request to `fn`: `ANY /api/{proxy+}` only with a valid ID token of the
   * issuer and audience of `auth`, the public paths without one.
   */
  routeTo(fn: lambda.IFunction, auth: GatewayAuth): void {
    const integration = new HttpLambdaIntegration('ApiFunction', fn);
    // The id stays `Cognito` whatever the issuer, so existing deployments keep their authorizer.
    const authorizer = new HttpJwtAuthorizer('Cognito', auth.issuer, {
      jwtAudience: [...auth.audience],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer,
    });
    for (const path of PUBLIC_PATHS) {
      const [route] = this.httpApi.addRoutes({
        path,
        methods: [apigw.HttpMethod.GET],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
      if (route) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `GET ${path} is public by design (health check and API documentation, no data).`,
        });
      }
    }
  }
}
