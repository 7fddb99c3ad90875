/**
 * `npx tsx scripts/bind-sign-in-id.ts --user admin --sign-in-id 31007`: binds a user to the
 * 统一身份认证账号 their IdP's token carries, outside the app. Needed once per deployment whose IdP
 * carries no roles (`-c oidcRolesFrom=users`): the first admin must be bound before anyone can sign
 * in to bind the others on 单位管理 › 登录账号. Against AWS: `TABLE_NAME=<the DataStack's table>` and
 * the deployer's credentials; locally: `DDB_ENDPOINT=http://127.0.0.1:<port>` of DynamoDB Local.
 * `--sign-in-id ''` unbinds.
 */
import { parseArgs } from 'node:util';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { bindSignInId } from '../shared/db/sign-in-id-repo';
import { UserSignInIdInputSchema } from '../shared/schemas/org';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({
  options: { user: { type: 'string' }, 'sign-in-id': { type: 'string' } },
});
if (!values.user || values['sign-in-id'] === undefined) {
  console.error('用法：npx tsx scripts/bind-sign-in-id.ts --user <用户编号> --sign-in-id <统一身份认证账号>');
  process.exit(2);
}
const parsed = UserSignInIdInputSchema.safeParse({ signInId: values['sign-in-id'].trim() || null });
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join('；'));
  process.exit(2);
}
const db = createDb(dbConfigFromEnv());
try {
  const user = await bindSignInId(db, values.user, parsed.data.signInId);
  console.log(
    user.signInId
      ? `${user.name}（${user.id}）已绑定 ${user.signInId}`
      : `${user.name}（${user.id}）已解除绑定`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  db.raw.destroy();
}
