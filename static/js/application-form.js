// Upload progress on the <progress> of each upload form (htmx's XHR progress events), and the
// error summary focused when a page shows one.
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
})();
