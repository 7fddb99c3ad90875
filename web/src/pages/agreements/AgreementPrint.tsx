/**
 * The agreement as a printable 目标管理责任书 on A4: title, parties, the indicator table with
 * weights, targets and scoring rules, the assessment terms, signature blocks and dates, and the
 * electronic signature record with the content hash. `?revision=n` prints an earlier revision.
 */
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageHeader';
import { useResource } from '../../use-resource';
import { agreementsApi } from './agreements-api';
import { IndicatorTable } from './IndicatorTable';

const chineseDate = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));

const revisionFromQuery = () => {
  const n = Number(new URLSearchParams(location.search).get('revision'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export const AgreementPrint = ({ year, unitId }: { year: number; unitId: string }) => {
  const revision = revisionFromQuery();
  const [data] = useResource(async () => {
    const [content, yearItem] = await Promise.all([
      revision ? agreementsApi.version(year, unitId, revision) : agreementsApi.get(year, unitId),
      api.years.get(year),
    ]);
    return { content, yearItem };
  }, [year, unitId, revision]);
  usePageTitle(
    data.status === 'ready' ? `${data.data.content.unitName} ${data.data.content.title}` : '目标责任书',
  );

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBanner title="无法加载责任书" message={data.error.message} />;
  const { content: a, yearItem } = data.data;
  const w = yearItem.periodWeights;
  const total =
    a.dimensions.flatMap((d) => d.leaves).reduce((sum, l) => sum + Math.round(l.W * 100), 0) / 100;
  const signature = a.signature;

  return (
    <article class="agreement-print" aria-labelledby="print-title">
      <div class="print-toolbar">
        <button type="button" class="button button-primary" onClick={() => window.print()}>
          打印
        </button>
        <Link href={`/agreements/${year}/${encodeURIComponent(unitId)}`} class="button button-quiet">
          返回责任书
        </Link>
      </div>
      <header class="print-header">
        <h1 id="print-title">{a.title}</h1>
        <p class="print-sub">
          （{a.categoryName}）{a.revision > 1 ? `第 ${a.revision} 版` : ''}
        </p>
      </header>
      <section class="print-parties">
        <p>
          甲方：<strong>{a.partyA}</strong>
        </p>
        <p>
          乙方：<strong>{a.unitName}</strong>
        </p>
      </section>
      <p class="print-preamble">
        为全面完成{a.year}
        年度卫生健康工作目标任务，落实目标管理责任制，经甲乙双方协商一致，签订本责任书。乙方对下列目标任务的完成负责，甲方按本责任书进行考核。
      </p>

      <h2>一、考核指标及评分标准</h2>
      <IndicatorTable
        dimensions={a.dimensions}
        caption={`${a.unitName}考核指标（合计 ${total} 分）`}
        details={false}
      />

      <h2>二、考核办法</h2>
      <ol class="print-terms">
        <li>
          考核实行平时考核与年终考核相结合：第一至第三季度考核分别占 {w.Q1}%、{w.Q2}%、{w.Q3}%，年终考核占{' '}
          {w.Q4}
          %；标注“年度”的指标仅在年终考核。
        </li>
        <li>各项指标得分之和为基础分（满分 100 分）；另按规定设加分和减分项目，经考核办审核认定。</li>
        <li>
          发生重大医疗事故、违纪违法案件、瞒报迟报疫情、安全生产责任事故等一票否决事项的，年度考核等次为不合格。
        </li>
        <li>乙方按季度如实报送指标完成情况及佐证材料，对所报材料的真实性负责。</li>
      </ol>

      <h2>三、其他</h2>
      <p>
        本责任书责任期限为{a.year}年1月1日至{a.year}
        年12月31日，自双方签订之日起生效。执行中确需调整的，经甲方审批后以变更后的版本为准。本责任书一式两份，甲乙双方各执一份。
      </p>

      <div class="signature-blocks">
        <div class="signature-block">
          <p>甲方（盖章）：{a.partyA}</p>
          <p>
            负责人（签字）：
            <span class="signature-line" />
          </p>
          <p>
            日期：
            <span class="signature-line short" />
          </p>
        </div>
        <div class="signature-block">
          <p>乙方（盖章）：{a.unitName}</p>
          <p>
            负责人（签字）：
            <span class="signature-line">{signature?.name ?? ''}</span>
          </p>
          <p>
            日期：<span class="signature-line short">{signature ? chineseDate(signature.at) : ''}</span>
          </p>
        </div>
      </div>
      <footer class="print-footer">
        {signature ? (
          <p>
            电子签订记录：{signature.name} 于 {chineseDate(signature.at)} 签订第 {signature.revision} 版。
          </p>
        ) : (
          <p>本版本尚未签订。</p>
        )}
        <p>
          内容 SHA-256：<code>{a.contentHash}</code>
        </p>
      </footer>
    </article>
  );
};
