// While a data download is being made, fetch this page again every few seconds and
// show its progress here. Without JavaScript the page says to reload it. Only the
// words that changed are put in, so a screen reader hears each step once.
(function () {
  "use strict";

  var region = document.querySelector("[data-download-status]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  var DELAY = 3000;

  function check() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("no answer");
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-download-status]");
        if (!fresh) {
          return;
        }
        if (fresh.textContent.trim() !== region.textContent.trim()) {
          region.replaceChildren.apply(
            region,
            Array.prototype.map.call(fresh.childNodes, function (node) {
              return document.importNode(node, true);
            })
          );
        }
        if (fresh.querySelector("[data-busy]")) {
          window.setTimeout(check, DELAY);
        }
      })
      .catch(function () {
        // Try again later; reloading the page always works too.
        window.setTimeout(check, DELAY * 4);
      });
  }

  window.setTimeout(check, DELAY);
})();
