// "Exit this page", after the GOV.UK Design System's component of that name.
//
// The button is a link to the workspace's own /exit/, which ends the session on the server,
// clears the site's data and goes to a neutral site: that works without JavaScript. With
// JavaScript the page is hidden at once, anything being typed is kept first (a note through
// its own autosave, any other form as a kept draft), for at most one second, and then the
// same /exit/ is opened in place of this page, so Back does not return to it.
//
// Shift three times: left, right or a mix, each press within one second of the first, no
// other key in between (typing a capital letter is Shift and a letter, so it never counts),
// and a held key counts once (its repeats are ignored).
(function () {
  "use strict";

  var button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }
  var exitUrl = button.getAttribute("href");
  var keepDraftUrl = button.getAttribute("data-keep-draft");
  var csrfToken = button.getAttribute("data-csrf") || "";
  var exiting = false;
  var WAIT_FOR_SAVING_MS = 1000;

  function changedForms() {
    return Array.prototype.filter.call(document.forms, function (form) {
      return form.hasAttribute("data-typed");
    });
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken" || /password/i.test(name)) {
        return;
      }
      if (fields[name] === undefined) {
        fields[name] = value;
      } else {
        fields[name] = [].concat(fields[name], value);
      }
    });
    return fields;
  }

  function keep(form) {
    var autosave = form.getAttribute("data-autosave-url");
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken);
    var url = keepDraftUrl;
    if (autosave) {
      // A note keeps its own draft, as its autosave does every few seconds.
      body = new FormData(form);
      url = autosave;
    } else {
      body.append("path", window.location.pathname);
      body.append("fields", JSON.stringify(fieldsOf(form)));
    }
    if (!url || !window.fetch) {
      return Promise.resolve();
    }
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: true,
      headers: { "X-CSRFToken": csrfToken },
    }).catch(function () {});
  }

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
    var saving = Promise.all(changedForms().map(keep));
    var waited = new Promise(function (resolve) {
      window.setTimeout(resolve, WAIT_FOR_SAVING_MS);
    });
    // The session ends only once what was typed is kept (or a second has passed).
    Promise.race([saving, waited]).then(function () {
      window.location.replace(exitUrl);
    });
  }

  button.addEventListener("click", exitPage);

  document.addEventListener("input", function (event) {
    var form = event.target && event.target.form;
    if (form) {
      form.setAttribute("data-typed", "");
    }
  });

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    if (event.repeat) {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (at) {
      return now - at <= 1000;
    });
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
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
