/** A group robot saved or removed: its webhook and 加签 secret in the secret store, a masked copy in the table. */
import type { Db } from '../db/client';
import { deleteRobot, putRobot } from '../db/notify-config-repo';
import type { Robot, RobotInput } from '../schemas/notify';
import { maskWebhook, robotSecretName, type SecretStore } from './secret-store';

export const saveRobot = async (
  db: Db,
  secrets: SecretStore,
  target: string,
  input: RobotInput,
  at: Date,
): Promise<Robot> => {
  await secrets.put(robotSecretName(target, 'webhook'), input.webhookUrl);
  if (input.signSecret) await secrets.put(robotSecretName(target, 'sign'), input.signSecret);
  else await secrets.remove(robotSecretName(target, 'sign'));
  const robot = {
    target,
    platform: input.platform,
    maskedUrl: maskWebhook(input.webhookUrl),
    signed: Boolean(input.signSecret),
    updatedAt: at.toISOString(),
  };
  await putRobot(db, robot);
  return robot;
};

export const removeRobot = async (db: Db, secrets: SecretStore, target: string) => {
  await deleteRobot(db, target);
  await secrets.remove(robotSecretName(target, 'webhook'));
  await secrets.remove(robotSecretName(target, 'sign'));
};
