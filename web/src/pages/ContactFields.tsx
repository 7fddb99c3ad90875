/** The unit form's contact rows: name and phone per row, add and remove, at most ten. */
import { Field } from '../components/Field';
import { type ContactRow, contactRow, fieldId } from './unit-form-model';

const MAX_CONTACTS = 10;

interface ContactFieldsProps {
  contacts: ContactRow[];
  errors: Map<string, string>;
  onChange: (contacts: ContactRow[]) => void;
}

export const ContactFields = ({ contacts, errors, onChange }: ContactFieldsProps) => {
  const update = (key: number, patch: Partial<ContactRow>) =>
    onChange(contacts.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  return (
    <fieldset class="contacts" id={fieldId('contacts')} tabIndex={-1}>
      <legend>联系人</legend>
      {errors.get('contacts') && <p class="field-error">{errors.get('contacts')}</p>}
      {contacts.length === 0 && <p class="hint">暂无联系人。</p>}
      {contacts.map((contact, row) => (
        <div key={contact.key} class="contact-row">
          <Field
            id={fieldId(`contacts.${row}.name`)}
            label={`联系人 ${row + 1} 姓名`}
            error={errors.get(`contacts.${row}.name`)}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={contact.name}
                onInput={(e) => update(contact.key, { name: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            id={fieldId(`contacts.${row}.phone`)}
            label={`联系人 ${row + 1} 电话`}
            error={errors.get(`contacts.${row}.phone`)}
          >
            {(control) => (
              <input
                {...control}
                type="tel"
                value={contact.phone}
                autoComplete="off"
                onInput={(e) => update(contact.key, { phone: e.currentTarget.value })}
              />
            )}
          </Field>
          <button
            type="button"
            class="button button-quiet"
            onClick={() => onChange(contacts.filter((c) => c.key !== contact.key))}
          >
            删除<span class="visually-hidden">联系人 {row + 1}</span>
          </button>
        </div>
      ))}
      {contacts.length < MAX_CONTACTS && (
        <button type="button" class="button" onClick={() => onChange([...contacts, contactRow()])}>
          添加联系人
        </button>
      )}
    </fieldset>
  );
};
