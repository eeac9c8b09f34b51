// Chart options for the dashboard, built from the overview figures (pure: no React, no fetching).
import type { OverviewFigures } from '../../api/reports.queries.ts';
import type { ChartOption } from '../../components/EChart.tsx';

type Word = (group: string, code: string) => string;

const SEVERITY_COLORS: Record<string, string> = { L1: '#cf1322', L2: '#fa8c16', L3: '#8c8c8c' };
const SEVERITIES = ['L1', 'L2', 'L3'];

/** Stacked bars: one bar per open state, one stack layer per severity. */
export function backlogOption(figures: OverviewFigures, word: Word): ChartOption {
  const totals = new Map<string, number>();
  for (const row of figures.backlog) totals.set(row.state, (totals.get(row.state) ?? 0) + row.count);
  const states = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: states.map((s) => word('state', s)), axisLabel: { interval: 0, rotate: states.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: SEVERITIES.map((severity) => ({
      name: word('severity', severity),
      type: 'bar',
      stack: 'backlog',
      itemStyle: { color: SEVERITY_COLORS[severity] },
      data: states.map((state) => figures.backlog.find((r) => r.state === state && r.severity === severity)?.count ?? 0),
    })),
  };
}

export function intakeOption(figures: OverviewFigures): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'category', data: figures.intake.map((d) => d.day.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: figures.intake.map((d) => d.count) }],
  };
}

export function categoriesOption(figures: OverviewFigures, word: Word): ChartOption {
  const rows = [...figures.topCategories].reverse(); // the largest on top of a horizontal bar chart
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, bottom: 8, top: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => word('triageCategory', r.category)) },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } }],
  };
}

export function ratingsOption(figures: OverviewFigures, starsLabel: (n: string) => string): ChartOption {
  const stars = ['5', '4', '3', '2', '1'] as const;
  const colors = ['#389e0d', '#7cb305', '#d4b106', '#fa8c16', '#cf1322'];
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        // Empty slices would only pile their labels on top of each other.
        data: stars
          .map((n, i) => ({ name: starsLabel(n), value: figures.satisfaction.distribution[n], itemStyle: { color: colors[i] } }))
          .filter((slice) => slice.value > 0),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}
