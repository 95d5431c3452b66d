/* Draws the charts named by [data-chart] and marks the quote named in an article's #hash. */
(function () {
  "use strict";
  window.coalitionViews = {};

  function drawCharts() {
    var charts = window.COALITION_CHARTS || {};
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = charts[el.dataset.chart];
      if (!spec || typeof window.vegaEmbed !== "function") {
        return;
      }
      window.vegaEmbed(el, spec, {
        renderer: "svg",
        actions: {export: true, source: false, compiled: false, editor: false}
      }).then(function (result) {
        window.coalitionViews[el.dataset.chart] = result.view;
        el.dataset.rendered = "true";
      }).catch(function (err) {
        el.dataset.rendered = "error";
        console.error("chart " + el.dataset.chart + ": " + err);
      });
    });
  }

  /* #e-START-END: highlight the pieces of that quote and say which fact it is. */
  function markTarget() {
    var m = /^#(e-\d+-\d+)$/.exec(window.location.hash);
    document.querySelectorAll("mark.current").forEach(function (el) {
      el.classList.remove("current");
    });
    if (!m) {
      return;
    }
    var first = null;
    document.querySelectorAll("mark[data-spans]").forEach(function (el) {
      if (el.dataset.spans.split(" ").indexOf(m[1]) >= 0) {
        el.classList.add("current");
        first = first || el;
      }
    });
    if (first) {
      first.scrollIntoView({block: "center"});
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    markTarget();
  });
  window.addEventListener("hashchange", markTarget);
})();
