// The /search/ page: Pagefind's default UI over the static index in /pagefind/.
// A file, not an inline script, so the Content-Security-Policy needs no 'unsafe-inline'
// (Pagefind itself needs 'wasm-unsafe-eval').
(function () {
  "use strict";

  function start() {
    var element = document.getElementById("search");
    if (!element) {
      return;
    }
    if (typeof window.PagefindUI !== "function") {
      element.textContent = "Search is not available right now. Please try again later.";
      return;
    }
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: "/pagefind/",
      showImages: false,
      showSubResults: true,
      openFilters: ["type"],
    });
    // /search/?q=words starts with a search, so results can be linked and bookmarked.
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
