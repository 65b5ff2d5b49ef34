// The search page: Pagefind's interface in Arabic, started from the ?q= of the
// header's search box. The page works without this script (it says so).
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    translations: { placeholder: element.dataset.placeholder }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
