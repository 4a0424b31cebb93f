// The page's side of the card: ask the site for a challenge, hand it to the card helper on this PC,
// open the helper's own PIN window (the PIN never passes through this page), and post the answer.
(function () {
  "use strict";

  function message(step, code) {
    var template = step.querySelector('template[data-message="' + code + '"]') ||
      step.querySelector('template[data-message="generic"]');
    return template ? template.content.textContent.trim() : code;
  }

  // A helper error in the page's language; a wrong PIN says how many tries are left (as the helper's window does).
  function explain(step, error, key) {
    var code = (error && error.code) || "generic";
    if (code === "pin_malformed") { code = "pin_malformed_" + key; }
    var text = message(step, code);
    if (error && typeof error.tries_left === "number" && code === "wrong_pin") {
      text += " " + message(step, "tries_left").replace("%(tries)d", String(error.tries_left));
    }
    return text;
  }

  function show(step, code, isError) {
    say(step, message(step, code), isError);
  }

  function say(step, text, isError) {
    var status = step.querySelector("[data-card-status]");
    if (status.textContent !== text) { status.textContent = text; }  // unchanged: not announced again
    status.classList.toggle("card-step__status--error", !!isError);
  }

  function olderThan(version, minimum) {
    var a = String(version || "0").split(".").map(Number);
    var b = String(minimum || "0").split(".").map(Number);
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      if ((a[i] || 0) !== (b[i] || 0)) { return (a[i] || 0) < (b[i] || 0); }
    }
    return false;
  }

  // Chrome's local network access permission: "denied" means the applicant (or a policy) blocked the helper.
  function networkAccessDenied() {
    if (!navigator.permissions || !navigator.permissions.query) { return Promise.resolve(false); }
    var names = ["loopback-network", "local-network-access", "local-network"];
    return Promise.all(names.map(function (name) {
      return navigator.permissions.query({ name: name }).then(function (s) { return s.state === "denied"; },
        function () { return false; });
    })).then(function (answers) { return answers.indexOf(true) !== -1; });
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function helperFetch(helper, path, options) {
    return fetch(helper + path, Object.assign({ mode: "cors", credentials: "omit", cache: "no-store" }, options))
      .catch(function () {
        return networkAccessDenied().then(function (denied) {
          throw { code: denied ? "lna_blocked" : "helper_missing" };
        });
      })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) { throw (body && body.error) || { code: "generic" }; }
          return body;
        });
      });
  }

  function checkHelper(step) {
    var helper = step.dataset.helper;
    return helperFetch(helper, "/v1/status", { method: "GET" }).then(function (status) {
      if (olderThan(status.helper_version, step.dataset.minVersion)) { throw { code: "helper_outdated" }; }
      if (status.error) { throw status.error; }
      if (!status.reader) { throw { code: "no_reader" }; }
      if (status.card !== "present") { throw { code: "no_card" }; }
      show(step, "ready", false);
      return status;
    });
  }

  function poll(step, operation, popup) {
    var helper = step.dataset.helper;
    return new Promise(function (resolve, reject) {
      function again() {
        helperFetch(helper, "/v1/operations/" + encodeURIComponent(operation.id), { method: "GET" })
          .then(function (state) {
            if (state.state === "done") { resolve(state.result); }
            else if (state.state === "failed") { reject(state.error || { code: "generic" }); }
            else if (state.state === "cancelled" || state.state === "expired") { reject({ code: state.state }); }
            else {
              // What the applicant just met in the helper's window (a wrong PIN…) is said here too.
              if (state.last_error) { say(step, explain(step, state.last_error, operation.key), true); }
              window.setTimeout(again, 400);
            }
          }, reject);
      }
      again();
    }).finally(function () {
      if (popup && !popup.closed) { popup.close(); }
    });
  }

  // The form's own answers checked by the site before the card is used (the login's user ID and password):
  // a typing mistake is said before the PIN is asked. The site's refusal carries its own words.
  function checkFirst(step, form) {
    if (!step.dataset.checkUrl) { return Promise.resolve(); }
    return fetch(step.dataset.checkUrl, {
      method: "POST", credentials: "same-origin", body: new FormData(form),
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) { return; }
      return response.json().catch(function () { return {}; }).then(function (body) {
        var error = (body && body.error) || { code: "generic" };
        throw { code: error.code, said: error.message };
      });
    });
  }

  function start(step) {
    var button = step.querySelector("[data-card-start]");
    var link = step.querySelector("[data-card-prompt-link]");
    var helper = step.dataset.helper;
    var form = step.closest("form");
    if (!form.reportValidity()) { return; }
    // Opened now, inside the click, so no popup blocker stops it; it is pointed at the helper below.
    var popup = window.open("", "oras-card-prompt", "width=560,height=720");
    button.disabled = true;
    link.hidden = true;
    show(step, "working", false);
    checkFirst(step, form).then(function () {
      return fetch(step.dataset.requestUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
      });
    }).then(function (response) {
      if (!response.ok) { throw { code: "generic" }; }
      return response.json();
    }).then(function (request) {
      request.lang = step.dataset.lang;
      return helperFetch(helper, "/v1/operations", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request)
      });
    }).then(function (operation) {
      link.href = operation.prompt_url;
      link.hidden = false;
      if (popup && !popup.closed) {
        popup.location.href = operation.prompt_url;
        show(step, "prompt_open", false);
      } else {
        show(step, "popup_blocked", true);
        link.focus();
      }
      return poll(step, operation, popup);
    }).then(function (result) {
      form.querySelector(step.dataset.target).value = JSON.stringify(result);
      show(step, "sending", false);
      form.submit();
    }).catch(function (error) {
      if (popup && !popup.closed) { popup.close(); }
      say(step, (error && error.said) || explain(step, error, error && error.key), true);
      button.disabled = false;
      link.hidden = true;
      button.focus();
    });
  }

  function init(step) {
    var button = step.querySelector("[data-card-start]");
    button.hidden = false;
    button.addEventListener("click", function () { start(step); });
    checkHelper(step).catch(function (error) { say(step, explain(step, error), true); });
  }

  document.querySelectorAll("[data-card-step]").forEach(init);
})();
