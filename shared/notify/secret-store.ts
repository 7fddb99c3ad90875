/**
 * Where the robots' webhooks, DingTalk's 加签 secrets and the SMTP password live: SSM Parameter
 * Store SecureString parameters in AWS (under one path the functions are granted), a 0600 file in
 * `.data/` locally. Never in the table, never in an API answer, never in a log line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  put(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Secret names: `robot/unit-u1/webhook`, `robot/group-office/sign`, `smtp/password` (SSM-safe characters). */
export const robotSecretName = (target: string, part: 'webhook' | 'sign') =>
  `robot/${target.replace(':', '-')}/${part}`;

/** A JSON file readable by its owner only (`.data/secrets.json` under `npm start`). */
export const fileSecretStore = (file: string): SecretStore => {
  const read = (): Record<string, string> => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
  const write = (all: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  };
  return {
    get: async (name) => read()[name],
    put: async (name, value) => write({ ...read(), [name]: value }),
    remove: async (name) => {
      const { [name]: _gone, ...rest } = read();
      write(rest);
    },
  };
};

/** SSM Parameter Store SecureString parameters under `prefix` (`/kaoping/notify`), KMS-encrypted. */
export const ssmSecretStore = (prefix: string): SecretStore => {
  const client = import('@aws-sdk/client-ssm').then((ssm) => ({ ssm, client: new ssm.SSMClient({}) }));
  const path = (name: string) => `${prefix}/${name}`;
  return {
    get: async (name) => {
      const { ssm, client: c } = await client;
      try {
        const out = await c.send(new ssm.GetParameterCommand({ Name: path(name), WithDecryption: true }));
        return out.Parameter?.Value;
      } catch (error) {
        if ((error as { name?: string }).name === 'ParameterNotFound') return undefined;
        throw error;
      }
    },
    put: async (name, value) => {
      const { ssm, client: c } = await client;
      await c.send(
        new ssm.PutParameterCommand({
          Name: path(name),
          Value: value,
          Type: 'SecureString',
          Overwrite: true,
        }),
      );
    },
    remove: async (name) => {
      const { ssm, client: c } = await client;
      await c.send(new ssm.DeleteParameterCommand({ Name: path(name) })).catch(() => undefined);
    },
  };
};

/** Replaces each secret (and the key / access_token inside a webhook URL) with ****. */
export const redact = (text: string, secrets: readonly (string | undefined)[]): string => {
  const parts = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    parts.add(s);
    try {
      for (const [, v] of new URL(s).searchParams) if (v.length >= 6) parts.add(v);
    } catch {
      // not a URL: the value itself is enough
    }
  }
  let out = text;
  for (const p of [...parts].sort((a, b) => b.length - a.length)) out = out.split(p).join('****');
  return out;
};

/** How a webhook is shown: its host and path, the key's last 4 characters. */
export const maskWebhook = (url: string): string => {
  const u = new URL(url);
  const key = u.searchParams.get('key') ?? u.searchParams.get('access_token') ?? '';
  const name = u.searchParams.has('key') ? 'key' : 'access_token';
  return `${u.origin}${u.pathname}?${name}=****${key.slice(-4)}`;
};
