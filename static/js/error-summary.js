// GOV.UK's error summary: when a page comes back with problems, the summary at the top is
// focused (and so read out, and scrolled to), wherever the form was on the page.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
