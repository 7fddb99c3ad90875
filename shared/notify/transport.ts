/**
 * How outside messages leave: robot webhooks by HTTPS POST, e-mail by SES (in an AWS region that has
 * it) or SMTP (nodemailer). Locally (`npm start`) the receiver keeps what would have been sent and
 * answers as the platforms do, with no network.
 */
import type { SecretStore } from './secret-store';

export interface EmailOut {
  to: string;
  subject: string;
  text: string;
}

export interface Transport {
  /** POSTs JSON; the answer's status and body text. */
  post(url: string, body: unknown): Promise<{ status: number; text: string }>;
  /** Sends an e-mail; the mail service's message id. */
  email(message: EmailOut): Promise<string>;
}

const POST_TIMEOUT_MS = 10_000;

export const httpPost: Transport['post'] = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(POST_TIMEOUT_MS),
  });
  return { status: res.status, text: (await res.text()).slice(0, 500) };
};

/** Amazon SES (v2 API), from a verified sender address. */
export const sesEmail = (from: string): Transport['email'] => {
  const ses = import('@aws-sdk/client-sesv2').then((m) => ({ m, client: new m.SESv2Client({}) }));
  return async ({ to, subject, text }) => {
    const { m, client } = await ses;
    const out = await client.send(
      new m.SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return out.MessageId ?? '';
  };
};

export interface SmtpSettings {
  host: string;
  port: number;
  user: string;
  from: string;
}

/** SMTP through nodemailer; the password is read from the secret store (`smtp/password`) when sending. */
export const smtpEmail = (settings: SmtpSettings, secrets: SecretStore): Transport['email'] => {
  return async ({ to, subject, text }) => {
    const { createTransport } = await import('nodemailer');
    const pass = await secrets.get('smtp/password');
    const transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.port === 465,
      ...(settings.user ? { auth: { user: settings.user, pass: pass ?? '' } } : {}),
    });
    const info = await transporter.sendMail({ from: settings.from, to, subject, text });
    return String(info.messageId ?? '');
  };
};

export interface ReceivedMessage {
  at: string;
  kind: 'robot' | 'email';
  /** The robot's host and path only (its key never kept), or the e-mail address. */
  to: string;
  body: unknown;
}

/**
 * `npm start`'s receiver: keeps the last 200 messages in memory (GET /api/notify/received lists
 * them) and answers as the platforms do, with no network. A robot on this machine (127.0.0.1, a
 * test's stand-in for 企业微信 / 钉钉) is posted to for real, so its answer — an error too — counts.
 */
export const localReceiver = (): Transport & { received: () => ReceivedMessage[] } => {
  const received: ReceivedMessage[] = [];
  const keep = (m: ReceivedMessage) => {
    received.unshift(m);
    received.length = Math.min(received.length, 200);
  };
  return {
    post: async (url, body) => {
      const u = new URL(url);
      keep({ at: new Date().toISOString(), kind: 'robot', to: `${u.host}${u.pathname}`, body });
      if (u.hostname === '127.0.0.1') return httpPost(url, body);
      return { status: 200, text: '{"errcode":0,"errmsg":"ok"}' };
    },
    email: async ({ to, subject, text }) => {
      keep({ at: new Date().toISOString(), kind: 'email', to, body: { subject, text } });
      return `local-${received.length}`;
    },
    received: () => [...received],
  };
};
