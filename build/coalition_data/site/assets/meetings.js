/* The meetings list: filter rows by year, level, body, status, state and chronology link,
   and sort them by date. Rows carry their values as data attributes; nothing is fetched. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("meeting-filters");
    var body = document.querySelector("#meeting-list tbody");
    if (!form || !body) {
      return;
    }
    var rows = Array.prototype.slice.call(body.rows);
    var info = form.querySelector("output.info");
    var total = info.textContent.split(" ").pop();
    var words = info.textContent.split(" ");

    function apply() {
      var f = {};
      ["year", "level", "body", "status", "state", "chronology", "sort"].forEach(function (k) {
        f[k] = form.elements[k].value;
      });
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = (!f.year || tr.dataset.year === f.year) &&
          (!f.level || tr.dataset.level === f.level) &&
          (!f.body || tr.dataset.body === f.body) &&
          (!f.status || tr.dataset.status === f.status) &&
          (!f.state || tr.dataset.states.indexOf(" " + f.state + " ") >= 0) &&
          (!f.chronology || tr.dataset.chronology === f.chronology);
        tr.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.dataset.date, y = b.dataset.date;
        if (x === y) { return a.dataset.order - b.dataset.order; }
        if (!x) { return 1; }  /* undated last, either way */
        if (!y) { return -1; }
        return (x < y ? -1 : 1) * (f.sort === "desc" ? -1 : 1);
      });
      sorted.forEach(function (tr) { body.appendChild(tr); });
      var n = String(shown);
      if (document.documentElement.lang === "ar") {
        n = n.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x660 + +d); });
      }
      info.textContent = n + " " + words[1] + " " + total;
      form.dataset.shown = String(shown);
    }
    form.addEventListener("change", apply);
    apply();
  });
})();
