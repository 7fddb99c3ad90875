/**
 * The parts of ECharts the dashboard uses (bar and line charts, grid, legend, tooltip, canvas).
 * Imported only through `import('./echarts-setup')`, so it is its own lazily loaded chunk and,
 * tree-shaken, far smaller than the whole `echarts` package.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
