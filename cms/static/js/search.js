// The /search/ page: Pagefind's default UI over the static index in /pagefind/.
// A file, not an inline script, so the Content-Security-Policy needs no 'unsafe-inline'
// (Pagefind itself needs 'wasm-unsafe-eval').
(function () {
  "use strict";

  // Pagefind's default UI (1.5) writes each filter value into its <label> as HTML (Svelte's
  // {@html}, through a detached <label>'s innerHTML), and filter values are topic and author
  // names that editors type: "<img src=x onerror=…>" as an author's name would run on this page.
  // Pagefind decodes entities in filter values, so escaping them in our HTML cannot help; on
  // this page, a label's innerHTML is written as text. tests/security/test_xss.py checks it.
  function labelsTakeText() {
    var native = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
    Object.defineProperty(HTMLLabelElement.prototype, "innerHTML", {
      configurable: true,
      get: function () {
        return native.get.call(this);
      },
      set: function (value) {
        this.textContent = value;
      },
    });
  }

  function start() {
    var element = document.getElementById("search");
    if (!element) {
      return;
    }
    if (typeof window.PagefindUI !== "function") {
      element.textContent = "Search is not available right now. Please try again later.";
      return;
    }
    labelsTakeText();
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
