// Upload progress on the <progress> of each upload form (htmx's XHR progress events), the error summary
// focused when a page shows one, and the order of a form page's saves.
(function () {
  "use strict";
  document.body.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload]") : null;
    var bar = form ? form.querySelector("[data-upload-progress]") : null;
    if (!bar || !event.detail.lengthComputable) { return; }
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
  });
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Each save of the page carries its place in the page's own sequence, so the server can tell an autosave
  // that arrives after the page's "Save and continue" (and must not count as another editor) from a new one.
  var form = document.getElementById("application-form");
  var sequence = form ? form.querySelector("input[name=seq]") : null;
  if (!sequence) { return; }
  var submitting = false;
  function next() {
    sequence.value = String((parseInt(sequence.value, 10) || 0) + 1);
    return sequence.value;
  }
  form.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== form) { return; }
    if (submitting) { event.preventDefault(); return; }  // the page's own save carries the same answers
    event.detail.parameters.seq = next();
  });
  form.addEventListener("submit", function () {
    submitting = true;
    next();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { submitting = false; }
  });

  // Switching the language reloads the page: what was typed since the last autosave is saved first (the page
  // in the other language shows the saved answers). A refused save (another tab, logged out) keeps the page.
  document.querySelectorAll(".language-switch a").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      submitting = true;  // a queued autosave is not sent after this save
      var body = new FormData(form);
      body.set("seq", next());
      fetch(form.getAttribute("hx-post"), { method: "POST", body: body, credentials: "same-origin",
                                            headers: { "HX-Request": "true" } })
        .then(function (response) { return response.text().then(function (html) { return [response, html]; }); })
        .then(function (answer) {
          var status = new DOMParser().parseFromString(answer[1], "text/html").getElementById("save-status");
          if (answer[0].ok && status && !status.classList.contains("save-status--error")) {
            window.location.href = link.href;
            return;
          }
          submitting = false;
          if (status) { document.getElementById("save-status").replaceWith(document.adoptNode(status)); }
        }, function () { submitting = false; });
    });
  });
})();
