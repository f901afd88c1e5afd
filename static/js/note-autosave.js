// Keeps a draft of the note being written every few seconds, so nothing is lost
// when a phone locks or the connection drops. Without JavaScript, the "Save
// draft" button does the same. Drafts are private: readers of a shared note
// keep seeing the saved text until the author presses "Save".
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var seconds = parseInt(form.getAttribute("data-autosave-seconds"), 10) || 5;
  var status = form.querySelector("[data-autosave-status]");
  var sending = false;
  var stopped = false;

  function snapshot() {
    var pairs = [];
    new FormData(form).forEach(function (value, key) {
      pairs.push(key + "=" + value);
    });
    return pairs.join("&");
  }

  // Only what changed after the page opened is sent.
  var lastKept = snapshot();

  function say(text) {
    if (status && status.textContent !== text) {
      status.textContent = text;
    }
  }

  function keep(leaving) {
    if (sending || stopped) {
      return;
    }
    var current = snapshot();
    if (current === lastKept) {
      return;
    }
    sending = true;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      keepalive: Boolean(leaving)
    })
      .then(function (response) {
        return response.json().then(
          function (data) {
            return { ok: response.ok, status: response.status, data: data };
          },
          function () {
            return { ok: false, status: response.status, data: {} };
          }
        );
      })
      .then(function (result) {
        if (result.ok && result.data.saved) {
          lastKept = current;
          say(result.data.message);
          // Reloading the page (or coming back to it) then finds the draft.
          if (result.data.edit_url && window.location.pathname !== result.data.edit_url) {
            window.history.replaceState(null, "", result.data.edit_url);
          }
          return;
        }
        if (result.status === 409) {
          stopped = true;
        }
        say(result.data.message || "Your draft could not be kept just now. Your text is still here.");
      })
      .catch(function () {
        say("Your draft could not be kept just now: check your connection. Your text is still here.");
      })
      .then(function () {
        sending = false;
      });
  }

  window.setInterval(keep, seconds * 1000);
  // A phone locking or switching apps hides the page: keep the draft at once.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      keep(true);
    }
  });
  form.addEventListener("submit", function () {
    stopped = true;
  });
})();
