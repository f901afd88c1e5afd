// Two minutes (half the limit, if shorter) before the session would end for want of use, a warning offers to stay signed in.
// If nobody answers, what is being typed is kept (as Exit this page keeps it) and the page is
// reloaded: the server has ended the session and asks to sign in again; the words are kept.
// Also: a kept draft shown on a page can be put back into the form with one button.
(function () {
  "use strict";

  var warning = document.querySelector("[data-session-warning]");
  if (warning) {
    var idle = parseInt(warning.getAttribute("data-idle-seconds"), 10) || 1800;
    var keepAliveUrl = warning.getAttribute("data-keep-alive");
    var csrf = warning.getAttribute("data-csrf") || "";
    var stay = warning.querySelector("[data-session-stay]");
    var warnTimer = null;
    var endTimer = null;

    var schedule = function () {
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
      warnTimer = window.setTimeout(function () {
        warning.hidden = false;
        stay.focus();
      }, (idle - Math.min(120, idle / 2)) * 1000);
      endTimer = window.setTimeout(function () {
        var exit = document.querySelector("[data-quick-exit]");
        var forms = Array.prototype.filter.call(document.forms, function (form) {
          return form.hasAttribute("data-typed");
        });
        if (!forms.length || !exit) {
          window.location.reload();
          return;
        }
        var body = new FormData();
        body.append("path", window.location.pathname);
        var fields = {};
        new FormData(forms[0]).forEach(function (value, name) {
          if (typeof value === "string" && name !== "csrfmiddlewaretoken") {
            fields[name] = value;
          }
        });
        body.append("fields", JSON.stringify(fields));
        fetch(exit.getAttribute("data-keep-draft"), {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrf },
        }).finally(function () {
          window.location.reload();
        });
      }, Math.max(0, idle - 5) * 1000);
    };

    stay.addEventListener("click", function () {
      fetch(keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf },
      }).then(function () {
        warning.hidden = true;
        schedule();
      });
    });
    schedule();
  }

  var kept = document.getElementById("kept-draft-data");
  var restore = document.querySelector("[data-kept-restore]");
  if (kept && restore) {
    var fields = JSON.parse(kept.textContent);
    var found = Object.keys(fields).some(function (name) {
      return document.querySelector("[name='" + CSS.escape(name) + "']");
    });
    if (found) {
      restore.parentNode.hidden = false;
      restore.addEventListener("click", function () {
        Object.keys(fields).forEach(function (name) {
          var values = [].concat(fields[name]);
          document.querySelectorAll("[name='" + CSS.escape(name) + "']").forEach(function (el) {
            if (el.type === "checkbox" || el.type === "radio") {
              el.checked = values.indexOf(el.value) !== -1;
            } else if (el.type !== "hidden") {
              el.value = values[0];
            }
          });
        });
        restore.parentNode.hidden = true;
      });
    }
  }
})();
