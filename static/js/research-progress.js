// An export's progress, without refreshing by hand. Without JavaScript the page
// says "refresh it"; here the bar moves, and the page reloads once the work is done.
(function () {
  "use strict";

  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var hint = box.querySelector("[data-progress-hint]");
  if (hint) {
    hint.textContent = "This page updates by itself.";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("progress " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        if (bar) {
          bar.value = progress.percent;
        }
        if (text) {
          text.textContent = progress.done + " of " + (progress.total || "…");
        }
        if (progress.working) {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        if (hint) {
          hint.textContent = "Refresh this page to see how far it has got.";
        }
      });
  }

  window.setTimeout(poll, 1000);
})();
