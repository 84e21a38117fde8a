// chart.js (served from node_modules as its UMD build, window.Chart) with the dashboard's look.
const { Chart } = window;

Chart.defaults.color = '#8b98a9';
Chart.defaults.borderColor = '#2a3544';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.animation = false;

export const COLOURS = { total: '#5aa9ff', p95: '#f0b429', max: '#f0506e', slo: '#3fbf7f', members: '#8f7cf7' };

/**
 * A line chart over a category axis of time labels. `series` is [{key, label, colour, axis}];
 * `axis: 'right'` puts a series on a second y axis (members, SLO %).
 */
export function lineChart(canvas, series, { rightTitle } = {}) {
  const hasRight = series.some((s) => s.axis === 'right');
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: [],
      datasets: series.map((s) => ({
        label: s.label,
        data: [],
        borderColor: s.colour,
        backgroundColor: `${s.colour}22`,
        fill: s.fill ?? false,
        // Monotone: a curve through the points that never overshoots them (a lag chart must not show lag that was not there).
        cubicInterpolationMode: 'monotone',
        pointRadius: 0,
        borderWidth: 2,
        spanGaps: false,
        stepped: s.stepped ?? false,
        yAxisID: s.axis === 'right' ? 'y1' : 'y',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { labels: { boxWidth: 12, usePointStyle: true } } },
      scales: {
        x: { ticks: { maxTicksLimit: 8, maxRotation: 0 }, grid: { display: false } },
        y: { beginAtZero: true, title: { display: true, text: 'lag (offsets)' } },
        ...(hasRight ? { y1: { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: Boolean(rightTitle), text: rightTitle } } } : {}),
      },
    },
  });
}

/** Appends one point per series (`values` in series order; null is a gap), keeping the last `limit`. */
export function appendPoint(chart, label, values, limit = 180) {
  chart.data.labels.push(label);
  chart.data.datasets.forEach((dataset, i) => dataset.data.push(values[i] ?? null));
  if (chart.data.labels.length > limit) {
    chart.data.labels.shift();
    chart.data.datasets.forEach((dataset) => dataset.data.shift());
  }
  chart.update('none');
}

export function replacePoints(chart, labels, columns) {
  chart.data.labels = labels;
  chart.data.datasets.forEach((dataset, i) => (dataset.data = columns[i]));
  chart.update('none');
}
