/* A small viewer for window.COALITION_TABLE: filter, sort and page through the rows, choose
   the columns, amounts with their currency and thousands separators, long texts folded.
   Cells are written as text (never as HTML); ids become links to their pages, and only
   plain http(s) URLs become links (never javascript:, data: and the like). */
(function () {
  "use strict";
  var PAGE = 100;
  var FOLD = 90;  /* characters of a long text shown before "more" */
  var WEB = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[^\s\u0000-\u001f\u007f-\u009f\\]*)?$/i;
  var AMOUNTS = {amount_min: true, amount_max: true};
  /* shown at first; the rest are a tick away in the column chooser */
  var HIDDEN = {raw_sha256: 1, text_sha256: 1, char_start: 1, char_end: 1, match_score: 1,
    whitespace_fixes: 1, split_glued_words: 1, removed_boilerplate_lines: 1,
    removed_duplicate_lines: 1, outlet_confidence: 1, url_confidence: 1, file: 1,
    date_text: 1, chronology_match: 1, pledge_id: 1, role_ar: 1, purpose_ar: 1, byline: 1, in_registry: 1};
  var LABELS = {};

  function link(column, value) {
    if (value === null || value === "") {
      return null;
    }
    if (column === "meeting_id") {
      return "../meetings/" + encodeURIComponent(value) + ".html";
    }
    if (column === "article_id") {
      return "../articles/" + encodeURIComponent(value) + ".html";
    }
    if (column === "url" && WEB.test(String(value))) {
      return value;
    }
    return null;
  }

  function formatAmount(value, currency) {
    var lang = LABELS.lang === "ar" ? "ar-EG" : "en-GB";
    var s = Number(value).toLocaleString(lang, {maximumFractionDigits: 2});
    return currency ? s + " " + currency : s;
  }

  function cell(column, value, row, columns) {
    var td = document.createElement("td");
    var text = value === null ? "" : String(value);
    if (AMOUNTS[column] && value !== null) {
      var c = columns.indexOf("currency");
      text = formatAmount(value, c >= 0 ? row[c] : "");
      td.title = String(value);
    }
    var href = link(column, value);
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else if (text.length > FOLD) {
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = text.slice(0, FOLD) + "…";
      var full = document.createElement("div");
      full.textContent = text;
      details.append(summary, full);
      td.appendChild(details);
      td.classList.add("long");
    } else {
      td.textContent = text;
    }
    if (value === null) {
      td.classList.add("null");
    } else if (typeof value === "number") {
      td.classList.add("num");
    }
    td.dataset.column = column;
    if (!td.title && text.length > 24) {
      td.title = text;
    }
    td.dir = "auto";
    return td;
  }

  function build(root, data) {
    var state = {query: "", sort: -1, desc: false, page: 0, hidden: {}};
    data.columns.forEach(function (c) { state.hidden[c] = !!HIDDEN[c]; });
    var controls = document.createElement("div");
    controls.className = "controls";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = LABELS.filter;
    search.setAttribute("aria-label", LABELS.filter);
    var info = document.createElement("span");
    info.className = "info";
    var prev = document.createElement("button");
    prev.textContent = LABELS.previous;
    var next = document.createElement("button");
    next.textContent = LABELS.next;
    var chooser = document.createElement("details");
    chooser.className = "columns";
    var chooserTitle = document.createElement("summary");
    chooserTitle.textContent = LABELS.columns;
    chooser.appendChild(chooserTitle);
    data.columns.forEach(function (c) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = c;
      box.checked = !state.hidden[c];
      box.addEventListener("change", function () {
        state.hidden[c] = !box.checked;
        draw();
      });
      label.append(box, " " + c);
      chooser.appendChild(label);
    });
    controls.append(search, prev, next, chooser, info);
    var scroller = document.createElement("div");
    scroller.className = "scroll";
    var table = document.createElement("table");
    table.className = "data";
    var thead = document.createElement("thead");
    var tr = document.createElement("tr");
    data.columns.forEach(function (c, i) {
      var th = document.createElement("th");
      var b = document.createElement("button");
      b.textContent = c;
      b.title = data.types[i] + " — click to sort";
      b.addEventListener("click", function () {
        state.desc = state.sort === i ? !state.desc : false;
        state.sort = i;
        state.page = 0;
        draw();
      });
      th.appendChild(b);
      th.dataset.column = c;
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    var tbody = document.createElement("tbody");
    table.append(thead, tbody);
    scroller.appendChild(table);
    root.append(controls, scroller);

    var folded = data.rows.map(function (r) {
      return r.map(function (v) { return v === null ? "" : String(v); }).join("\u0001").toLowerCase();
    });

    function rows() {
      var q = state.query.toLowerCase();
      var idx = [];
      for (var i = 0; i < data.rows.length; i++) {
        if (!q || folded[i].indexOf(q) >= 0) {
          idx.push(i);
        }
      }
      if (state.sort >= 0) {
        var k = state.sort;
        idx.sort(function (a, b) {
          var x = data.rows[a][k], y = data.rows[b][k];
          if (x === y) { return a - b; }
          if (x === null) { return 1; }
          if (y === null) { return -1; }
          var c = x < y ? -1 : 1;
          return state.desc ? -c : c;
        });
      }
      return idx;
    }

    function draw() {
      var idx = rows();
      var pages = Math.max(1, Math.ceil(idx.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      tbody.textContent = "";
      idx.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (i) {
        var row = document.createElement("tr");
        data.rows[i].forEach(function (v, j) {
          if (!state.hidden[data.columns[j]]) {
            row.appendChild(cell(data.columns[j], v, data.rows[i], data.columns));
          }
        });
        tbody.appendChild(row);
      });
      thead.querySelectorAll("th").forEach(function (th) {
        th.hidden = !!state.hidden[th.dataset.column];
      });
      info.textContent = digits(idx.length + " " + LABELS.of + " " + data.rows.length + " " +
        LABELS.rows + " · " + LABELS.page + " " + (state.page + 1) + " " + LABELS.of + " " +
        pages);
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      root.dataset.shown = String(Math.min(PAGE, idx.length - state.page * PAGE));
    }

    search.addEventListener("input", function () {
      state.query = search.value;
      state.page = 0;
      draw();
    });
    prev.addEventListener("click", function () { state.page -= 1; draw(); });
    next.addEventListener("click", function () { state.page += 1; draw(); });
    draw();
  }

  function digits(s) {
    return LABELS.lang === "ar" ? s.replace(/[0-9]/g, function (d) {
      return String.fromCharCode(0x660 + +d);
    }) : s;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("table-viewer");
    if (root && window.COALITION_TABLE) {
      LABELS = {lang: root.dataset.lang || "en", filter: root.dataset.filter || "Filter rows",
        previous: root.dataset.previous || "‹", next: root.dataset.next || "›",
        of: root.dataset.of || "of", rows: root.dataset.rows || "rows",
        page: root.dataset.page || "page", columns: root.dataset.columns || "Columns"};
      build(root, window.COALITION_TABLE);
    }
  });
})();
