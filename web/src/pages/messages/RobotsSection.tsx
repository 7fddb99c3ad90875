/**
 * 群机器人: a unit's work group or a bureau group (考核办 / 考核组 / 检查组) gets a 企业微信 or 钉钉
 * robot. The webhook and the 加签 secret go to the secret store; the list shows them masked only.
 */
import { useState } from 'preact/hooks';
import type { Unit } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { toApiError, useResource } from '../../use-resource';
import { recipientLabel } from './labels';
import { messagesApi, type Robot } from './messages-api';

const GROUPS = [
  ['group:office', '考核办'],
  ['group:raters', '考核组'],
  ['group:inspectors', '检查组'],
] as const;
const PLATFORMS = [
  ['wecom', '企业微信群机器人'],
  ['dingtalk', '钉钉自定义机器人'],
] as const;

export const RobotsSection = ({
  units,
  names,
}: {
  units: readonly Unit[];
  names: ReadonlyMap<string, string>;
}) => {
  const targets: (readonly [string, string])[] = [
    ...GROUPS,
    ...units.map((u) => [`unit:${u.id}`, u.name] as const),
  ];
  const [target, setTarget] = useState<string>('group:office');
  const [platform, setPlatform] = useState<'wecom' | 'dingtalk'>('wecom');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [signSecret, setSignSecret] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [list, reload] = useResource(() => messagesApi.robots(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setFieldError(undefined);
    try {
      const saved = await messagesApi.saveRobot(target, {
        platform,
        webhookUrl: webhookUrl.trim(),
        ...(signSecret.trim() ? { signSecret: signSecret.trim() } : {}),
      });
      setWebhookUrl('');
      setSignSecret('');
      setNotice(`已保存 ${recipientLabel(saved.target, names)} 的机器人（${saved.maskedUrl}）`);
      reload();
    } catch (err) {
      const apiError = toApiError(err);
      const detail = apiError.details?.find((d) => d.path.includes('webhookUrl'));
      if (detail) setFieldError(detail.message);
      else setError(apiError.message);
    }
  };

  const columns: Column<Robot>[] = [
    { header: '接收群', render: (r) => recipientLabel(r.target, names) },
    { header: '平台', render: (r) => (r.platform === 'wecom' ? '企业微信' : '钉钉') },
    { header: 'Webhook 地址', render: (r) => <code>{r.maskedUrl}</code> },
    { header: '加签', render: (r) => (r.signed ? '已设置' : '—') },
  ];

  return (
    <section aria-labelledby="robots-title">
      <h2 id="robots-title">群机器人</h2>
      <form onSubmit={(e) => void save(e)} class="form-grid">
        <SelectField id="robot-target" label="接收群" value={target} options={targets} onChange={setTarget} />
        <SelectField
          id="robot-platform"
          label="平台"
          value={platform}
          options={PLATFORMS}
          onChange={setPlatform}
        />
        <Field
          id="robot-webhook"
          label="Webhook 地址"
          required
          error={fieldError}
          hint="在群设置 → 群机器人（企业微信）或 智能群助手 → 自定义机器人（钉钉）中复制。保存后只显示末四位。"
        >
          {(p) => (
            <input
              {...p}
              type="url"
              value={webhookUrl}
              onInput={(e) => setWebhookUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        {platform === 'dingtalk' && (
          <Field id="robot-sign" label="加签密钥（SEC 开头，可选）">
            {(p) => (
              <input
                {...p}
                type="password"
                autocomplete="off"
                value={signSecret}
                onInput={(e) => setSignSecret(e.currentTarget.value)}
              />
            )}
          </Field>
        )}
        <button type="submit" class="button primary">
          保存机器人
        </button>
      </form>
      {notice && <Notice>{notice}</Notice>}
      {error && <ErrorBanner message={error} />}
      {list.status === 'ready' && list.data.items.length > 0 && (
        <DataTable
          caption="已设置的群机器人"
          columns={columns}
          rows={list.data.items}
          rowKey={(r) => r.target}
        />
      )}
    </section>
  );
};
