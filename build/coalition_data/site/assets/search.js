/* Offline search over window.COALITION_SEARCH with MiniSearch (assets/minisearch.js).
   normalise() and skeleton() mirror coalition_data/site/search.py exactly (a browser test
   compares them): the index holds both keys and the query goes through the same two. */
(function () {
  "use strict";
  var DROP = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
  var FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
              "ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "چ": "ج", "ڤ": "ف"};
  var SKEL = {"ج": "غ", "ق": "غ", "ط": "ت", "ص": "س", "ث": "س", "ض": "د", "ذ": "ز", "ظ": "ز"};
  var i;
  for (i = 0; i < 10; i++) {
    FOLD[String.fromCharCode(0x660 + i)] = String(i);
    FOLD[String.fromCharCode(0x6f0 + i)] = String(i);
  }
  var VOWELS = /[اويءه]/g;
  var ARTICLE = /^(?:و|ف|ب|ك|ل)?(?:ال|لل)(?=..)/;
  var WORD = /[\p{L}\p{N}_\u0600-\u06ff]+/gu;
  var ARABIC = /[\u0600-\u06ff]/;

  function normalise(text) {
    return Array.from((text || "").normalize("NFKC").replace(DROP, ""), function (c) {
      return Object.prototype.hasOwnProperty.call(FOLD, c) ? FOLD[c] : c;
    }).join("").toLowerCase();
  }

  function skeletonWord(word) {
    if (!ARABIC.test(word)) {
      return word;
    }
    word = word.replace(ARTICLE, "");
    var first = "اوي".indexOf(word.charAt(0)) >= 0 ? word.charAt(0) : "";
    var key = first + (first ? word.slice(1) : word).replace(VOWELS, "");
    key = Array.from(key, function (c) { return SKEL[c] || c; }).join("");
    key = key.replace(/(.)\1+/gu, "$1");
    return key || word;
  }

  function words(text) {
    return normalise(text).match(WORD) || [];
  }

  function skeleton(text) {
    return words(text).map(skeletonWord).join(" ");
  }

  window.coalitionSearch = {normalise: normalise, skeleton: skeleton};

  var index = null;
  function getIndex() {
    if (!index && window.MiniSearch && window.COALITION_SEARCH) {
      index = new window.MiniSearch({
        fields: ["text", "skel"],
        storeFields: ["kind", "title", "sub", "url"],
        tokenize: function (s) { return s.split(" ").filter(Boolean); },
        processTerm: function (t) { return t; }
      });
      index.addAll(window.COALITION_SEARCH.docs);
    }
    return index;
  }

  function search(query) {
    var ix = getIndex();
    var q = words(query);
    if (!ix || !q.length) {
      return [];
    }
    var exact = ix.search(q.join(" "), {fields: ["text"], prefix: true, combineWith: "AND",
      fuzzy: function (t) { return t.length > 4 ? 0.2 : 0; }});
    /* the consonant key only for words long enough to say something (3+ consonants) */
    var keys = q.map(skeletonWord);
    var loose = keys.every(function (k) { return k.length >= 3; }) ? ix.search(keys.join(" "),
      {fields: ["skel"], combineWith: "AND", prefix: function (t) { return t.length > 3; }})
      : [];
    var seen = {};
    var out = [];
    exact.concat(loose.map(function (r) { r.score = r.score / 4; return r; }))
      .forEach(function (r) {
        if (!seen[r.id]) {
          seen[r.id] = true;
          out.push(r);
        }
      });
    return out;
  }
  window.coalitionSearch.search = search;

  function show(root, query) {
    var results = search(query);
    var list = root.querySelector("ol.results");
    var info = root.querySelector(".info");
    var labels = window.COALITION_SEARCH.labels;
    list.textContent = "";
    results.slice(0, 100).forEach(function (r) {
      var li = document.createElement("li");
      li.className = "result kind-" + r.kind;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = labels[r.kind] || r.kind;
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      a.dir = "auto";
      li.append(kind, " ", a);
      if (r.sub) {
        var sub = document.createElement("div");
        sub.className = "sub";
        sub.dir = "auto";
        sub.textContent = r.sub;
        li.appendChild(sub);
      }
      list.appendChild(li);
    });
    var n = String(results.length);
    if (document.documentElement.lang === "ar") {
      n = n.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x660 + +d); });
    }
    info.textContent = query ? (results.length ? n : labels.none) : "";
    root.dataset.results = String(results.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("search");
    if (!root || !window.COALITION_SEARCH) {
      return;
    }
    var input = root.querySelector("input[type=search]");
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
    }
    input.addEventListener("input", function () { show(root, input.value); });
    show(root, input.value);
    root.dataset.ready = "true";
  });
})();
