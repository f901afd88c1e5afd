// A reader meets a content warning before a note's text. Without JavaScript,
// "Show the note" is a link to the text on its own page. With it, the link
// becomes a button that fetches the text into this page and moves focus to it.
// Until the reader asks, the text is not in the page at all.
(function () {
  "use strict";

  var link = document.querySelector("[data-content-warning-show]");
  var target = document.querySelector("[data-content-warning-target]");
  if (!link || !target || !window.fetch || !window.DOMParser) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.textContent = link.textContent;
  link.replaceWith(button);

  button.addEventListener("click", function () {
    button.disabled = true;
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("not shown");
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var text = page.querySelector("[data-note-text]");
        if (!text) {
          throw new Error("not shown");
        }
        target.replaceChildren(document.importNode(text, true));
        target.hidden = false;
        button.parentNode.hidden = true;
        target.focus();
      })
      .catch(function () {
        // Fall back to what works without JavaScript.
        window.location.href = link.href;
      });
  });
})();
