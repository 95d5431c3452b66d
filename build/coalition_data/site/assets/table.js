/* A small viewer for window.COALITION_TABLE: filter, sort and page through the rows.
   Cells are written as text (never as HTML); ids become links to their pages. */
(function () {
  "use strict";
  var PAGE = 100;

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
    if (column === "url" && /^https?:\/\//.test(value)) {
      return value;
    }
    return null;
  }

  function cell(column, value) {
    var td = document.createElement("td");
    var text = value === null ? "" : String(value);
    var href = link(column, value);
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    if (value === null) {
      td.className = "null";
    } else if (typeof value === "number") {
      td.className = "num";
    }
    td.dir = "auto";
    return td;
  }

  function build(root, data) {
    var state = {query: "", sort: -1, desc: false, page: 0};
    var controls = document.createElement("div");
    controls.className = "controls";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Filter rows (any column, Arabic or English)";
    search.setAttribute("aria-label", "Filter rows");
    var info = document.createElement("span");
    info.className = "info";
    var prev = document.createElement("button");
    prev.textContent = "‹ previous";
    var next = document.createElement("button");
    next.textContent = "next ›";
    controls.append(search, prev, next, info);
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
        data.rows[i].forEach(function (v, j) { row.appendChild(cell(data.columns[j], v)); });
        tbody.appendChild(row);
      });
      info.textContent = idx.length + " of " + data.rows.length + " rows · page " +
        (state.page + 1) + " of " + pages;
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

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("table-viewer");
    if (root && window.COALITION_TABLE) {
      build(root, window.COALITION_TABLE);
    }
  });
})();
