/**
 * One ECharts chart in a div with role="img" and a label that states its data in words. ECharts is
 * loaded on demand (`import('./echarts-setup')`, its own chunk); the chart is disposed with the component.
 */
import { useEffect, useRef } from 'preact/hooks';

export const Chart = ({ label, option }: { label: string; option: Record<string, unknown> }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart:
      | { setOption: (o: Record<string, unknown>) => void; resize: () => void; dispose: () => void }
      | undefined;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup').then((echarts) => {
      const element = ref.current;
      if (disposed || !element) return;
      const instance = echarts.init(element, undefined, { renderer: 'canvas' });
      instance.setOption({ animation: false, ...option });
      chart = instance;
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} class="chart" role="img" aria-label={label} />;
};
