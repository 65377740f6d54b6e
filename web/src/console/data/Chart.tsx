import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the Data pages draw: lines and bars on a grid, with a legend and tooltips.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartSeries {
  name: string;
  values: number[];
}

/** WeChat's green first, then colours that stay apart for people with colour-blindness. */
const COLORS = ['#07c160', '#1e6fd9', '#e37400', '#9334e6', '#d93025', '#5f6368'];

/**
 * A line or bar chart drawn by ECharts. A picture says nothing to a screen reader: the wrapper
 * is an image whose label is `summary`, and the table below each chart carries the figures.
 */
export function Chart({ kind, categories, series, summary }: { kind: 'line' | 'bar'; categories: string[]; series: ChartSeries[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      color: COLORS,
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: '#5f6368' } },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'category', data: categories, boundaryGap: kind === 'bar', axisLabel: { color: '#5f6368', hideOverlap: true }, axisLine: { lineStyle: { color: '#dadce0' } } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#5f6368' }, splitLine: { lineStyle: { color: '#eef0f2' } } },
      series: series.map((s) => ({
        name: s.name,
        type: kind,
        data: s.values,
        ...(kind === 'line' ? { symbol: categories.length > 31 ? 'none' : 'circle', symbolSize: 5, smooth: false } : { barMaxWidth: 28 }),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [kind, categories, series]);
  return <div ref={box} className="data-chart" role="img" aria-label={summary} />;
}
