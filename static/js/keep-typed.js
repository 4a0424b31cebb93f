// What is typed in a form without a draft of its own (the registration's details) survives a language switch:
// the values are kept in this tab while the page reloads in the other language, put back once, then forgotten.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-typed]");
  if (!form || !window.sessionStorage) { return; }
  var key = "oras-typed:" + window.location.pathname;
  var kept = window.sessionStorage.getItem(key);
  window.sessionStorage.removeItem(key);

  function fields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && ["hidden", "password", "file", "submit", "button"].indexOf(field.type) === -1;
    });
  }

  if (kept) {
    var values = {};
    try { kept = JSON.parse(kept); } catch (ignored) { kept = {}; }
    if (kept && kept.at && Date.now() - kept.at < 60000) { values = kept.values || {}; }  // the switch just made
    fields().forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(values, field.name)) { return; }
      if (field.type === "checkbox" || field.type === "radio") { field.checked = field.value === values[field.name]; }
      else if (!field.value) { field.value = values[field.name]; }
    });
  }

  document.querySelectorAll(".language-switch a").forEach(function (link) {
    link.addEventListener("click", function () {
      var values = {};
      fields().forEach(function (field) {
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.checked) { values[field.name] = field.value; }
        } else if (field.value) {
          values[field.name] = field.value;
        }
      });
      window.sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values: values }));
    });
  });
})();
