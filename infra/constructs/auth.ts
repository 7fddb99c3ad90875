/**
 * Sign-in: a Cognito user pool administrators fill (no self sign-up), one group per role, the unit a
 * user acts for in `custom:unitId`, and the web app's client (authorization code with PKCE through
 * Cognito's managed login, whose ID token the API accepts).
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLE_LABELS, ROLES } from '../../shared/auth/roles';

/** The custom attribute that carries a user's unit (read as the `custom:unitId` claim). */
export const UNIT_ID_ATTRIBUTE = 'unitId';

export interface AuthProps {
  readonly stage: string;
  /** Origins the web app runs in (CloudFront first, then any development origins): sign-in callbacks. */
  readonly webOrigins: readonly string[];
  /** Cognito decides MFA for the whole pool: `required` makes every user enrol a TOTP app. */
  readonly mfa: 'optional' | 'required';
}

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `kaoping-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      // Custom attributes cannot be changed once the pool exists: keep the limits generous.
      customAttributes: { [UNIT_ID_ATTRIBUTE]: new cognito.StringAttribute({ mutable: true, maxLen: 128 }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential checks and adaptive authentication that blocks risky sign-ins.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: '考评系统账号已开通',
        emailBody:
          '您好，您的考评系统账号已开通。用户名：{username}，临时密码：{####}。首次登录时请修改密码。',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.mfa === 'optional') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional by decision of the bureau (unit reporters share office PCs and phones); threat protection blocks risky sign-ins, and -c mfa=required makes it required for the pool.',
      });
    }

    ROLES.forEach((role, index) => {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: ROLE_LABELS[role],
        precedence: index * 10,
      });
    });

    this.domain = this.userPool.addDomain('Domain', {
      // Prefixes are global per region; the account id keeps them unique.
      cognitoDomain: { domainPrefix: `kaoping-${props.stage}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const callbackUrls = props.webOrigins.flatMap((origin) => [`${origin}/`, `${origin}/auth/callback`]);
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls: props.webOrigins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNIT_ID_ATTRIBUTE),
      // Never custom:unitId: a user must not move themselves to another unit. Cognito requires the
      // required attributes (email, name) to be writable.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    // Managed login only (plus refreshing its tokens): no password or SRP sign-in around it.
    (this.client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = [
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];

    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
