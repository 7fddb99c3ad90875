/** What changed between two revisions, indicator by indicator, in the agreement's own words. */
import { useId } from 'preact/hooks';
import type { AgreementDiff } from '../../../../shared/schemas/agreement';

const KIND_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;

export const DiffView = ({ diff, title }: { diff: AgreementDiff; title: string }) => {
  const id = useId();
  return (
    <section class="panel diff" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {diff.header.length === 0 && diff.indicators.length === 0 ? (
        <p class="muted">两个版本内容相同。</p>
      ) : (
        <ul class="diff-list">
          {diff.header.map((change) => (
            <li key={change.field}>
              <strong>{change.label}</strong>：<del>{change.before}</del> → <ins>{change.after}</ins>
            </li>
          ))}
          {diff.indicators.map((change) => (
            <li key={change.code} class={`diff-${change.kind}`}>
              <span class="tag">{KIND_LABELS[change.kind]}</span>{' '}
              <strong>
                {change.code} {change.name}
              </strong>
              <span class="muted">（{change.dimension}）</span>
              {change.fields.length > 0 && (
                <ul>
                  {change.fields.map((field) => (
                    <li key={field.field}>
                      {field.label}：<del>{field.before || '（空）'}</del> →{' '}
                      <ins>{field.after || '（空）'}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
