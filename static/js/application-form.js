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
})();
