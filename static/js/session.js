// Warns before the login session ends for inactivity and lets the applicant extend it.
(function () {
  "use strict";
  var body = document.body;
  var idle = Number(body.dataset.sessionIdle) * 1000;
  var warning = Number(body.dataset.sessionWarning) * 1000;
  var dialog = document.querySelector("[data-session-dialog]");
  if (!idle || !dialog) { return; }
  var warnTimer, endTimer;

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(function () { dialog.showModal(); }, Math.max(idle - warning, 0));
    // A moment after the server's own limit; reloading lets the server say why the login page follows.
    endTimer = window.setTimeout(ended, idle + 1000);
  }

  function ended() {
    window.location.assign(location.pathname + location.search);
  }

  function extend() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    fetch(body.dataset.sessionExtend, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": meta ? meta.content : "", "Accept": "application/json" }
    }).then(function (response) {
      // A session that already ended answers with the login page (a redirect), not with JSON.
      if (!response.ok || response.redirected) { throw new Error("extend failed"); }
      dialog.close();
      schedule();
    }).catch(ended);
  }

  dialog.querySelector("[data-session-extend]").addEventListener("click", extend);
  // Any request the page makes through htmx (draft saves, field checks) also keeps the session alive.
  document.body.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
