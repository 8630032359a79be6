// Tongxin dashboard charts: every chart is a <div data-chart="..."> whose numbers are in its data-*
// attributes (the same numbers the page shows as text); ECharts draws them. No inline scripts (CSP).
(function () {
  'use strict';
  var RED = '#b8322a';

  function gauge(el) {
    var raw = el.getAttribute('data-value');
    var value = raw === '' || raw === null ? null : Number(raw);
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      series: [{
        type: 'gauge', min: 0, max: 100, radius: '92%',
        progress: { show: true, width: 12, itemStyle: { color: RED } },
        axisLine: { lineStyle: { width: 12 } },
        axisTick: { show: false }, splitLine: { length: 8 }, axisLabel: { distance: 14, fontSize: 10 },
        pointer: { show: value !== null, width: 4 },
        title: { show: false },
        detail: { valueAnimation: false, fontSize: 18, offsetCenter: [0, '70%'],
          formatter: function (v) { return value === null ? '—' : v.toFixed(1) + '%'; } },
        data: [{ value: value === null ? 0 : Math.round(value * 1000) / 10 }]
      }]
    });
    return chart;
  }

  function series(el) {
    var spec = JSON.parse(el.getAttribute('data-series'));
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: spec.labels, axisLabel: { rotate: spec.labels.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      color: [RED, '#1a7f37', '#175cd3', '#f79009'],
      series: spec.series.map(function (s) {
        return { name: s.name, type: s.type || 'line', data: s.data, smooth: false, barMaxWidth: 28 };
      })
    });
    return chart;
  }

  function draw() {
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    if (!document.querySelector('[data-chart]')) {
      return;
    }
    if (typeof echarts === 'undefined') {
      console.error('ECharts did not load');
      return;
    }
    var charts = [];
    document.querySelectorAll('[data-chart="gauge"]').forEach(function (el) { charts.push(gauge(el)); });
    document.querySelectorAll('[data-chart="series"]').forEach(function (el) { charts.push(series(el)); });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.setAttribute('data-charts-drawn', String(charts.length));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
