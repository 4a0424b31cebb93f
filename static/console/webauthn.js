// The security-key step (the console's, and an organisation's staff signing an application): asks the browser's WebAuthn for the options the server sent, posts the answer.
(function () {
  "use strict";
  function start(form, event) {
    event.preventDefault();
    var mode = form.getAttribute("data-webauthn");
    var options = JSON.parse(form.getAttribute("data-options"));
    var error = form.querySelector("[data-webauthn-error]");
    error.hidden = true;
    var request = mode === "create"
      ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    request.then(function (credential) {
      form.querySelector("input[name=credential]").value = JSON.stringify(credential.toJSON());
      form.submit();
    }).catch(function () {
      error.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
      form.addEventListener("submit", function (event) { start(form, event); });
      // A page that is only this step starts at its button; a page to read first (the review) keeps its place.
      if (!form.hasAttribute("data-webauthn-after-reading")) { form.querySelector("[data-webauthn-start]").focus(); }
    });
  });
})();
