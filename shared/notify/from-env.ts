/**
 * Outside delivery in AWS: secrets in SSM Parameter Store under NOTIFY_SECRETS_PATH; e-mail by SES
 * where the region has it (NOTIFY_EMAIL=ses), otherwise SMTP (NOTIFY_EMAIL=smtp, the AWS China
 * regions), from NOTIFY_EMAIL_FROM.
 */
import { requiredEnv } from '../env';
import type { NotifyDeps } from './deps';
import { ssmSecretStore } from './secret-store';
import { httpPost, sesEmail, smtpEmail } from './transport';

export const notifyDepsFromEnv = (env: NodeJS.ProcessEnv = process.env): NotifyDeps => {
  const secrets = ssmSecretStore(requiredEnv('NOTIFY_SECRETS_PATH', env));
  const from = env.NOTIFY_EMAIL_FROM ?? '';
  const email =
    env.NOTIFY_EMAIL === 'smtp'
      ? smtpEmail(
          {
            host: env.NOTIFY_SMTP_HOST ?? '',
            port: Number(env.NOTIFY_SMTP_PORT ?? 465),
            user: env.NOTIFY_SMTP_USER ?? '',
            from,
          },
          secrets,
        )
      : sesEmail(from);
  return { secrets, transport: { post: httpPost, email } };
};
