// Browser glue of the sealbus console: live refresh of [data-live] regions and the KMS chart.
// Loaded as a plain script (no eval, no inline code), so the page's CSP stays strict.
(() => {
  const body = document.body;
  const intervalMs = Number(body.dataset.refreshMs) || 2000;

  function liveEnabled() {
    const toggle = document.getElementById('live-refresh');
    return toggle?.checked === true;
  }

  // A region the user is working in (focus inside) is left alone until they move on, so
  // keyboard and screen-reader users do not lose their place to a refresh.
  function refreshAll(force) {
    if (typeof window.htmx === 'undefined') return;
    if (!force && !liveEnabled()) return;
    for (const region of document.querySelectorAll('[data-live]')) {
      if (region.contains(document.activeElement)) continue;
      window.htmx.trigger(region, 'refresh');
    }
  }

  setInterval(() => refreshAll(false), intervalMs);
  body.addEventListener('sealbus:refresh', () => refreshAll(true));

  function drawChart() {
    const target = document.getElementById('kms-chart');
    const source = document.getElementById('kms-chart-data');
    if (target === null || source === null || typeof window.uPlot === 'undefined') return;
    const data = JSON.parse(source.textContent);
    const width = () => Math.max(280, target.clientWidth);
    const options = {
      width: width(),
      height: 260,
      scales: { x: { time: true } },
      axes: [{}, { label: `calls per ${data.bucketSeconds}s` }],
      series: [
        {},
        { label: 'GenerateDataKey', stroke: '#1f6feb', width: 2 },
        { label: 'Decrypt', stroke: '#2da44e', width: 2 },
        { label: 'Other KMS calls', stroke: '#8250df', width: 1 },
        { label: 'Refused', stroke: '#9a6700', width: 1 },
        { label: 'Cost formula', stroke: '#cf222e', width: 2, dash: [6, 4] },
      ],
    };
    const plot = new window.uPlot(
      options,
      [data.times, data.generateDataKey, data.decrypt, data.other, data.refused, data.formula],
      target,
    );
    window.addEventListener('resize', () => plot.setSize({ width: width(), height: 260 }));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawChart);
  } else {
    drawChart();
  }
})();
