/** 事件与渠道: which events leave the site by which channel, which are urgent, the committee's digest. */
import { useEffect, useState } from 'preact/hooks';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  EVENT_LABELS,
  OUTSIDE_EVENTS,
  type OutsideEvent,
} from '../../../../shared/domain/notifications/channels';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { toApiError, useResource } from '../../use-resource';
import { messagesApi, type NotifySettings } from './messages-api';

export const SettingsSection = () => {
  const [loaded] = useResource(() => messagesApi.settings(), []);
  const [settings, setSettings] = useState<NotifySettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.status === 'ready') setSettings(loaded.data);
  }, [loaded]);
  if (!settings) return null;

  const setting = (e: OutsideEvent) => settings.events[e] ?? { channels: [], urgent: false };
  const toggle = (e: OutsideEvent, c: Channel, on: boolean) => {
    const s = setting(e);
    const channels = on ? [...s.channels, c] : s.channels.filter((x) => x !== c);
    setSettings({ ...settings, events: { ...settings.events, [e]: { ...s, channels } } });
  };
  const save = async (ev: Event) => {
    ev.preventDefault();
    setError(null);
    setNotice(null);
    try {
      setSettings(await messagesApi.saveSettings(settings));
      setNotice('已保存事件与渠道设置');
    } catch (err) {
      setError(toApiError(err).message);
    }
  };

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">事件与发送渠道</h2>
      <form onSubmit={(e) => void save(e)}>
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">每类事件的发送渠道</caption>
            <thead>
              <tr>
                <th scope="col">事件</th>
                {CHANNELS.map((c) => (
                  <th key={c} scope="col">
                    {CHANNEL_LABELS[c]}
                  </th>
                ))}
                <th scope="col">紧急（不受夜间免打扰限制）</th>
              </tr>
            </thead>
            <tbody>
              {OUTSIDE_EVENTS.map((e) => (
                <tr key={e}>
                  <th scope="row">{EVENT_LABELS[e]}</th>
                  {CHANNELS.map((c) => (
                    <td key={c} data-label={CHANNEL_LABELS[c]}>
                      <input
                        type="checkbox"
                        aria-label={`${EVENT_LABELS[e]}：${CHANNEL_LABELS[c]}`}
                        checked={setting(e).channels.includes(c)}
                        onChange={(x) => toggle(e, c, x.currentTarget.checked)}
                      />
                    </td>
                  ))}
                  <td data-label="紧急">
                    <input
                      type="checkbox"
                      aria-label={`${EVENT_LABELS[e]}：紧急`}
                      checked={setting(e).urgent}
                      onChange={(x) =>
                        setSettings({
                          ...settings,
                          events: {
                            ...settings.events,
                            [e]: { ...setting(e), urgent: x.currentTarget.checked },
                          },
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={settings.committeeDigest}
              onChange={(x) => setSettings({ ...settings, committeeDigest: x.currentTarget.checked })}
            />{' '}
            考核办、考核组每天 8:30 收一条汇总，而不是逐条发送
          </label>
        </div>
        <Field id="site-url" label="系统网址（消息中的链接）" hint="例如 https://kaoping.example.gov.cn">
          {(p) => (
            <input
              {...p}
              type="url"
              value={settings.siteUrl}
              onInput={(x) => setSettings({ ...settings, siteUrl: x.currentTarget.value })}
            />
          )}
        </Field>
        <button type="submit" class="button primary">
          保存设置
        </button>
      </form>
      {notice && <Notice>{notice}</Notice>}
      {error && <ErrorBanner message={error} />}
    </section>
  );
};
