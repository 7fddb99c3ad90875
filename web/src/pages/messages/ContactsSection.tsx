/** 人员联系方式: a person's e-mail (with opt-out) and the mobile a group robot @mentions. */
import { useState } from 'preact/hooks';
import type { User } from '../../api';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { toApiError, useResource } from '../../use-resource';
import { messagesApi } from './messages-api';

export const ContactsSection = ({ users }: { users: readonly User[] }) => {
  const [userId, setUserId] = useState(users[0]?.id ?? '');
  const [email, setEmail] = useState('');
  const [mobile, setMobile] = useState('');
  const [optOut, setOptOut] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [contacts, reload] = useResource(() => messagesApi.contacts(), []);

  const choose = (id: string) => {
    setUserId(id);
    const c = contacts.status === 'ready' ? contacts.data.items.find((x) => x.userId === id) : undefined;
    setEmail(c?.email ?? '');
    setMobile(c?.mobile ?? '');
    setOptOut(c?.emailOptOut ?? false);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setError(null);
    setNotice(null);
    try {
      await messagesApi.saveContact(userId, {
        email: email.trim(),
        mobile: mobile.trim(),
        emailOptOut: optOut,
      });
      setNotice(`已保存 ${users.find((u) => u.id === userId)?.name ?? userId} 的联系方式`);
      reload();
    } catch (err) {
      const apiError = toApiError(err);
      const fields = Object.fromEntries(
        (apiError.details ?? []).map((d) => [d.path.split('.').pop() ?? '', d.message]),
      );
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setError(apiError.message);
    }
  };

  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">人员电子邮箱与手机号</h2>
      <form onSubmit={(e) => void save(e)} class="form-grid">
        <SelectField
          id="contact-user"
          label="人员"
          value={userId}
          options={users.map((u) => [u.id, `${u.name}（${u.title}）`] as const)}
          onChange={choose}
        />
        <Field id="contact-email" label="电子邮箱" error={errors.email}>
          {(p) => (
            <input {...p} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="contact-mobile" label="手机号（群机器人 @ 提醒用）" error={errors.mobile}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={mobile}
              onInput={(e) => setMobile(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="field">
          <label>
            <input type="checkbox" checked={optOut} onChange={(e) => setOptOut(e.currentTarget.checked)} />{' '}
            退订邮件提醒
          </label>
        </div>
        <button type="submit" class="button primary">
          保存联系方式
        </button>
      </form>
      {notice && <Notice>{notice}</Notice>}
      {error && <ErrorBanner message={error} />}
    </section>
  );
};
