/**
 * The assignment page's three ways to write: the category × indicator matrix (assign a whole
 * category), the by-units form, and 改派 of one assignment with a reason.
 */
import { useState } from 'preact/hooks';
import type { User } from '../../../../shared/schemas/org';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Pagination, usePagination } from '../../components/Pagination';
import { ReasonField } from '../../components/ReasonField';
import { SelectField } from '../../components/SelectField';
import { useReasonedAction } from '../../use-reasoned-action';
import { type CategoryPlan, cellRaters } from './assignment-model';
import { type Assignment, assignmentsApi, type Period } from './assignments-api';
import { RaterPicker } from './RaterPicker';

/** Runs a write and shows its outcome; true when it succeeded. */
type Act = (write: () => Promise<string>) => Promise<boolean>;

interface Common {
  year: number;
  period: Period;
  raters: User[];
  unitNames: ReadonlyMap<string, string>;
  act: Act;
}

const assignedText = (result: { created: number; existing: number }) =>
  `已分派：新增 ${result.created} 项${result.existing > 0 ? `，已有 ${result.existing} 项` : ''}。`;

interface MatrixProps extends Common {
  plan: CategoryPlan[];
  editable: boolean;
  assignments: Assignment[];
  raterNames: ReadonlyMap<string, string>;
}

/** Per category, each indicator of the period with who is assigned (and to how many of its units). */
export const CategoryMatrix = (props: MatrixProps) => {
  const { plan, editable, assignments, raters, raterNames, unitNames, year, period, act } = props;
  const [cell, setCell] = useState<{ category: CategoryPlan; code: string; name: string } | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!cell || chosen.length === 0) return;
    setBusy(true);
    const done = await act(async () =>
      assignedText(
        await assignmentsApi.assign(year, {
          period,
          code: cell.code,
          raterIds: chosen,
          categoryId: cell.category.categoryId,
        }),
      ),
    );
    setBusy(false);
    if (done) setCell(null);
  };
  return (
    <section class="stack" aria-labelledby="matrix-title">
      <h2 id="matrix-title">按类别和指标分派</h2>
      {plan.map((category) => {
        const unitIds = category.units.map((u) => u.unitId);
        return (
          <div class="table-wrap" key={category.categoryId}>
            <table class="data-table sticky-first">
              <caption>
                {category.name}（已签订 {category.units.length} 个单位）
              </caption>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">考核组成员（已分派单位数）</th>
                  {editable && <th scope="col">操作</th>}
                </tr>
              </thead>
              <tbody>
                {category.leaves.map((leaf) => {
                  const who = cellRaters(assignments, leaf.code, unitIds);
                  return (
                    <tr key={leaf.code} data-code={leaf.code}>
                      <th scope="row">
                        {leaf.code} {leaf.name}
                      </th>
                      <td>
                        {who.length === 0
                          ? '未分派'
                          : who
                              .map(
                                (w) =>
                                  `${raterNames.get(w.raterId) ?? w.raterId}（${w.units}/${unitIds.length}）`,
                              )
                              .join('、')}
                      </td>
                      {editable && (
                        <td>
                          <button
                            type="button"
                            class="button button-quiet"
                            onClick={() => {
                              setChosen(who.map((w) => w.raterId));
                              setCell({ category, code: leaf.code, name: leaf.name });
                            }}
                          >
                            分派<span class="visually-hidden">{`${category.name} ${leaf.code}`}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      <ConfirmDialog
        open={cell !== null}
        title={cell ? `分派 ${cell.category.name} · ${cell.code} ${cell.name}` : '分派'}
        confirmLabel="确认分派"
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setCell(null)}
      >
        <p>所选成员将评分该类别全部已签订单位的此项指标（已有的分派保留）。</p>
        {cell && (
          <RaterPicker
            id="matrix-raters"
            raters={raters}
            unitIds={cell.category.units.map((u) => u.unitId)}
            unitNames={unitNames}
            chosen={chosen}
            onChange={setChosen}
          />
        )}
      </ConfirmDialog>
    </section>
  );
};

/** Assigns chosen raters to one indicator for chosen units. */
export const AssignByUnits = ({
  plan,
  year,
  period,
  raters,
  unitNames,
  act,
}: Common & { plan: CategoryPlan[] }) => {
  const codes = [
    ...new Map(plan.flatMap((c) => c.leaves.map((l) => [l.code, `${l.code} ${l.name}`] as const))),
  ];
  const [code, setCode] = useState(codes[0]?.[0] ?? '');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  // Units whose category assesses the indicator in this period.
  const units = plan.filter((c) => c.leaves.some((l) => l.code === code)).flatMap((c) => c.units);
  // A city's indicator has hundreds of units: a page of checkboxes at a time, the choice kept across pages.
  const paged = usePagination(units, code);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (unitIds.length === 0 || chosen.length === 0) {
      setProblem('请选择单位和考核组成员');
      return;
    }
    setProblem(undefined);
    const done = await act(async () =>
      assignedText(await assignmentsApi.assign(year, { period, code, raterIds: chosen, unitIds })),
    );
    if (done) setUnitIds([]);
  };
  return (
    <section aria-labelledby="by-units-title">
      <h2 id="by-units-title">按单位分派</h2>
      <form class="stack" onSubmit={(e) => void submit(e)}>
        <SelectField
          id="by-units-code"
          label="指标"
          value={code}
          options={codes}
          onChange={(next) => {
            setCode(next);
            setUnitIds([]);
          }}
        />
        <fieldset class="checkbox-group">
          <legend>单位</legend>
          {paged.rows.map((u) => (
            <label key={u.unitId} class="checkbox">
              <input
                type="checkbox"
                checked={unitIds.includes(u.unitId)}
                onChange={() =>
                  setUnitIds((all) =>
                    all.includes(u.unitId) ? all.filter((x) => x !== u.unitId) : [...all, u.unitId],
                  )
                }
              />
              {u.unitName}
            </label>
          ))}
        </fieldset>
        {paged.paged && (
          <p class="hint" aria-live="polite">
            已选 {unitIds.length} 个单位（各页合计）
          </p>
        )}
        <Pagination id="by-units" label="按单位分派单位列表" paged={paged} unit="个单位" />
        <RaterPicker
          id="by-units-raters"
          raters={raters}
          unitIds={unitIds}
          unitNames={unitNames}
          chosen={chosen}
          onChange={setChosen}
        />
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            分派所选单位
          </button>
        </div>
      </form>
    </section>
  );
};

interface ReassignProps extends Common {
  assignments: Assignment[];
  raterNames: ReadonlyMap<string, string>;
}

/** Moves one assignment (unit × indicator × rater) to another rater, with a reason. */
export const ReassignForm = ({
  assignments,
  raters,
  raterNames,
  unitNames,
  year,
  period,
  act,
}: ReassignProps) => {
  // A city has thousands of assignments a period: the unit is chosen first, then one of its own.
  const units = [...new Set(assignments.map((a) => a.unitId))].map(
    (id) => [id, unitNames.get(id) ?? id] as const,
  );
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? '');
  const options = assignments
    .filter((a) => a.unitId === unitId)
    .map(
      (a) =>
        [
          `${a.unitId}|${a.code}|${a.raterId}`,
          `${unitNames.get(a.unitId) ?? a.unitId} · ${a.code} · ${raterNames.get(a.raterId) ?? a.raterId}`,
        ] as const,
    );
  const [chosenFrom, setFrom] = useState('');
  const from = options.some(([v]) => v === chosenFrom) ? chosenFrom : (options[0]?.[0] ?? '');
  const [to, setTo] = useState(raters[0]?.id ?? '');
  const action = useReasonedAction({
    tooShort: '请填写改派原因',
    minLength: 2,
    run: (reason) => {
      const [unitId = '', code = '', fromRaterId = ''] = from.split('|');
      return assignmentsApi.reassign(year, { period, unitId, code, fromRaterId, toRaterId: to, reason });
    },
    onDone: () => {
      action.setReason('');
      void act(async () => `已改派给${raterNames.get(to) ?? to}；原成员已评的分保留在评分记录中。`);
    },
  });
  if (options.length === 0) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    void action.confirm();
  };
  return (
    <section aria-labelledby="reassign-title">
      <h2 id="reassign-title">改派</h2>
      <form class="stack" onSubmit={submit}>
        <SelectField id="reassign-unit" label="单位" value={unitId} options={units} onChange={setUnitId} />
        <SelectField
          id="reassign-from"
          label="原分派（单位 · 指标 · 成员）"
          value={from}
          options={options}
          onChange={setFrom}
        />
        <SelectField
          id="reassign-to"
          label="改派给"
          value={to}
          options={raters.map((r) => [r.id, r.name] as const)}
          onChange={setTo}
        />
        <ReasonField id="reassign-reason" label="改派原因" action={action} />
        {action.error && (
          <p class="field-error" role="alert">
            {action.error}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button" aria-disabled={action.busy}>
            {action.busy ? '正在改派…' : '改派'}
          </button>
        </div>
      </form>
    </section>
  );
};
