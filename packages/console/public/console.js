// Browser glue of the sealbus console: live refresh of [data-live] regions and the KMS chart.
// Loaded as a plain script (no eval, no inline code), so the page's CSP stays strict.
(() => {
  const body = document.body;
  const intervalMs = Number(body.dataset.refreshMs) || 2000;

  function liveEnabled() {
    const toggle = document.getElementById('live-refresh');
    return toggle?.checked === true;
  }

  // A region the user is working in (focus inside) is left alone by the periodic refresh, so
  // keyboard and screen-reader users do not lose their place. After an action (force) every
  // region refreshes: the button just pressed may belong to a region the action changed.
  function refreshAll(force) {
    if (typeof window.htmx === 'undefined') return;
    if (!force && !liveEnabled()) return;
    for (const region of document.querySelectorAll('[data-live]')) {
      if (!force && region.contains(document.activeElement)) continue;
      window.htmx.trigger(region, 'refresh');
    }
  }

  setInterval(() => refreshAll(false), intervalMs);
  body.addEventListener('sealbus:refresh', () => refreshAll(true));

  // Two charts on their own scales: data-key calls with the cost formula, and refused and other
  // calls, which can outnumber data-key calls a hundredfold.
  function drawCharts() {
    const source = document.getElementById('kms-chart-data');
    if (source === null || typeof window.uPlot === 'undefined') return;
    const data = JSON.parse(source.textContent);
    const axes = [{}, { label: `calls per ${data.bucketSeconds}s`, size: 56 }];
    draw('kms-chart', data.times, axes, [
      [{ label: 'GenerateDataKey', stroke: '#1f6feb', width: 2 }, data.generateDataKey],
      [{ label: 'Decrypt', stroke: '#2da44e', width: 2 }, data.decrypt],
      [{ label: 'Cost formula', stroke: '#cf222e', width: 2, dash: [6, 4] }, data.formula],
    ]);
    draw('kms-chart-other', data.times, axes, [
      [{ label: 'Refused', stroke: '#9a6700', width: 2 }, data.refused],
      [{ label: 'Other KMS calls', stroke: '#8250df', width: 1 }, data.other],
    ]);
  }

  function draw(id, times, axes, series) {
    const target = document.getElementById(id);
    if (target === null) return;
    const width = () => Math.max(260, target.clientWidth);
    const plot = new window.uPlot(
      {
        width: width(),
        height: 220,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        // A static legend: labels only, no "--" placeholders until the pointer hovers.
        legend: { live: false },
        axes,
        series: [{}, ...series.map(([options]) => ({ points: { show: false }, ...options }))],
      },
      [times, ...series.map(([, values]) => values)],
      target,
    );
    window.addEventListener('resize', () => plot.setSize({ width: width(), height: 220 }));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawCharts);
  } else {
    drawCharts();
  }
})();
