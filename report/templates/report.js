(function () {
  'use strict';
  var status = { total: 0, rendered: 0, failed: [], done: false };
  window.journeysimCharts = status;
  var charts = document.querySelectorAll('.chart[data-spec]');
  status.total = charts.length;
  var options = { mode: 'vega-lite', renderer: 'svg', actions: false, ast: true };
  var jobs = Array.prototype.map.call(charts, function (el) {
    var spec;
    try {
      spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    } catch (error) {
      return Promise.reject(error);
    }
    return vegaEmbed(el, spec, options).then(function () {
      status.rendered += 1;
    }, function (error) {
      status.failed.push(el.id);
      el.textContent = 'This chart could not be drawn: ' + error;
      console.error('journeysim: chart ' + el.id + ' could not be drawn: ' + error);
    });
  });
  Promise.all(jobs).then(function () {
    status.done = true;
  }, function (error) {
    status.done = true;
    console.error('journeysim: ' + error);
  });
})();
