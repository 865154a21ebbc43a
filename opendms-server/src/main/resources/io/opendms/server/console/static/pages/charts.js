// Time-series charts of a task's metrics with uPlot (vendored from npm, no CDN).
import uPlot from '../vendor/uPlot.esm.js';
import { h } from '../ui.js';

const COLORS = ['#1f6feb', '#d9480f', '#2b8a3e', '#862e9c', '#5c7cfa'];

/** One chart of some metrics; update(history) redraws it from the server's columns. */
export function metricChart(title, metrics, unit) {
  const box = h('div', { class: 'chart', 'data-chart': metrics[0], 'data-points': '0' }, h('h3', null, `${title} (${unit})`));
  let plot = null;
  let span = [0, 1];
  function options(width) {
    return {
      width, height: 220,
      // The x axis always shows the chosen window up to now, however few samples there are yet.
      scales: { x: { time: true, range: () => span }, y: { range: (u, min, max) => [0, Math.max(max || 0, 1) * 1.1] } },
      axes: [{}, { size: 60 }],
      series: [{}, ...metrics.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false }))],
      legend: { live: true },
    };
  }
  return {
    element: box,
    /** history: the server's columns; minutes: the window shown. */
    update(history, minutes) {
      const now = Date.now() / 1000;
      span = [now - minutes * 60, now];
      const data = [history.Times, ...metrics.map(name => history.Series[name] || [])];
      // samples of the first metric, for tests and for the empty-state check
      box.dataset.points = String(data[1].filter(v => v !== null).length);
      const width = Math.max(320, box.clientWidth - 20);
      if (!plot) {
        plot = new uPlot(options(width), data, box);
      } else {
        if (Math.abs(plot.width - width) > 10) plot.setSize({ width, height: 220 });
        plot.setData(data, true);
      }
    },
  };
}
