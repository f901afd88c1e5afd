// "Exit this page", after the GOV.UK Design System's component of that name.
// The button is a plain link to a neutral site, so it works without JavaScript.
// With JavaScript it also hides the page at once, signs the person out in the
// background, and replaces this page in the history so Back does not return.
(function () {
  "use strict";

  var button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }
  var exitUrl = button.getAttribute("href");
  var signOutUrl = button.getAttribute("data-exit-signout");
  var csrfToken = button.getAttribute("data-csrf");
  var exiting = false;

  function exitPage(event) {
    if (event) {
      event.preventDefault();
    }
    if (exiting) {
      return;
    }
    exiting = true;
    document.documentElement.classList.add("quick-exit-active");
    document.title = "Loading";
    if (signOutUrl && navigator.sendBeacon) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken || "");
      navigator.sendBeacon(signOutUrl, data);
    }
    window.location.replace(exitUrl);
  }

  button.addEventListener("click", exitPage);

  // Pressing Shift three times within five seconds leaves too.
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      presses = 0;
    }, 5000);
    if (presses >= 3) {
      exitPage();
    }
  });

  // A page restored from the back/forward cache must not show the workspace.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && exiting) {
      window.location.replace(exitUrl);
    }
  });
})();
