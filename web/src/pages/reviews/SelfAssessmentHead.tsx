/** The self-assessment table's columns: the unit's page (with 操作) and its printed 自评报告 read alike. */
const COLUMNS = ['指标', '分值', '填报值', '自评分', '自评说明', '审核情况'];

export const SelfAssessmentHead = ({ actions = false }: { actions?: boolean }) => (
  <thead>
    <tr>
      {(actions ? [...COLUMNS, '操作'] : COLUMNS).map((name) => (
        <th key={name} scope="col">
          {name}
        </th>
      ))}
    </tr>
  </thead>
);
