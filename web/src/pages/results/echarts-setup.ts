/**
 * The parts of ECharts the dashboard and the consistency report use (bar and line charts, grid,
 * legend, tooltip, mark areas and lines, data zoom for a city's long rankings, canvas).
 * Imported only through `import('./echarts-setup')`, so it is its own lazily loaded chunk and,
 * tree-shaken, far smaller than the whole `echarts` package.
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { init };
