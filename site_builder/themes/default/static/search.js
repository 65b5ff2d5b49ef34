// The search page: Pagefind's Default UI over every shard of the index, in Arabic,
// right to left, started from the ?q= of the header's search box. Without
// JavaScript the page says so and links the tags and the archive.
(function () {
  "use strict";
  // The same rules as site_builder/search/arabic.py (a test compares them): «و» and
  // «ف» (with ب/ك/ل) before «ال», and و/ف/ل/ب/ك before a hamza-alef, are split off
  // in the index, so they are dropped from what the reader types.
  var WORD = /[\u0621-\u064a\u064b-\u065f\u0670\u0640]+/g;
  var PREFIX = /^(?:([وف][بكل]?)(?=ال|لل)|([وف]?[لبك]|[وف])(?=[أإآ]))/;
  var KEEP = /^(?:والد(?:ه|ة|ي|ها|هم|هما|يه|يها|ين|ان|اه|ته|تي|تها)?|والي|والى)$/;
  var MARKS = /[\u064b-\u065f\u0670\u0640]/g;
  var CONTROLS = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

  // How many characters of the word are a prefix to drop (0: none); tashkeel
  // does not hide one.
  function prefix(word) {
    var bare = word.replace(MARKS, "");
    var found = PREFIX.exec(bare);
    if (!found || KEEP.test(bare)) return 0;
    var head = (found[1] || found[2]).length;
    if (bare.length - head < (found[1] ? 5 : 3)) return 0;
    var end = 0;
    for (var i = 0; i < head; i++) {
      end += 1;
      while (end < word.length && /[\u064b-\u065f\u0670\u0640]/.test(word[end])) end += 1;
    }
    return end;
  }
  function queryText(query) {
    return query.replace(CONTROLS, "").replace(WORD, function (word) {
      return word.slice(prefix(word));
    });
  }
  // The index holds «و‍ الروسية»: join the prefix to its word again for display.
  function joined(text) {
    return typeof text === "string" ? text.replace(/\u200d\s*(<mark>)?/g, "$1") : text;
  }
  window.siteSearch = { queryText: queryText, joined: joined };

  function start() {
    var element = document.getElementById("search");
    var script = document.getElementById("search-config");
    if (!element || !script || typeof PagefindUI === "undefined") return;
    var config = JSON.parse(script.textContent);
    fetch(config.bundle + "shards.json")
      .then(function (response) { return response.json(); })
      .then(function (shards) { open(element, config, shards); });
  }

  function open(element, config, shards) {
    var ranking = { metaWeights: { date: 0 } }; // a date in a result is shown, not searched
    var ui = new PagefindUI({
      element: element,
      bundlePath: config.api,
      mergeIndex: shards.map(function (folder) {
        return { bundlePath: config.bundle + folder, ranking: ranking };
      }),
      ranking: ranking,
      showImages: false,
      showSubResults: false,
      excerptLength: 30,
      translations: config.translations,
      processTerm: queryText,
      processResult: function (result) {
        result.excerpt = joined(result.excerpt);
        var meta = { title: joined(result.meta.title) };
        if (result.meta.date) meta[config.labels.date] = result.meta.date;
        if (result.meta.section) meta[config.labels.section] = result.meta.section;
        result.meta = meta;
        return result;
      }
    });
    // Pagefind's field has only a placeholder and a title: give it a name of its own.
    var input = element.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", config.translations.search_label);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
    var order = document.querySelector(".search-order");
    if (!order) return;
    order.hidden = false;
    order.addEventListener("change", function (event) {
      import(config.api + "pagefind.js").then(function (api) {
        ui.triggerFilters(api.setNewestFirst(event.target.value === "newest"));
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
