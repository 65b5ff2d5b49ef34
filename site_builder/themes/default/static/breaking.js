// The breaking-news strip of an article page, filled in from breaking.json: the
// article pages stay as they are when a story breaks, and a story older than the
// site's breaking_hours is dropped even before the next build.
(function () {
  var slot = document.querySelector("[data-breaking]");
  if (!slot || !window.fetch) return;
  fetch(slot.getAttribute("data-breaking"), { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : { items: [] }; })
    .then(function (data) {
      var list = slot.querySelector("ul");
      (data.items || []).forEach(function (item) {
        if (item.url === location.pathname || Date.parse(item.until) < Date.now()) return;
        var entry = document.createElement("li");
        var link = entry.appendChild(document.createElement("a"));
        link.href = item.url;
        link.textContent = item.title;
        var time = document.createElement("time");
        time.dateTime = item.date;
        time.textContent = item.shown;
        entry.append(" ", time);
        list.appendChild(entry);
      });
      if (list.children.length) slot.hidden = false;
    })
    .catch(function () {});
})();
