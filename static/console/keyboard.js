// The console's keyboard (docs/console.md, "Keyboard"): single-key shortcuts named by data-shortcut on the page's
// own links, buttons and fields; j and k move through the queue's cases and x ticks one; "?" opens the list of
// them. None fires while typing in a field. After an action the page opens at its result: focus goes there.
(function () {
  "use strict";
  function typing(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }
  function caseLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-case-link]"));
  }
  function move(step) {
    var links = caseLinks();
    if (!links.length) { return; }
    var at = links.indexOf(document.activeElement.closest("tr") ?
      document.activeElement.closest("tr").querySelector("[data-case-link]") : null);
    var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(at + step, 0), links.length - 1);
    links[next].focus();
  }
  function tick() {
    var row = document.activeElement && document.activeElement.closest("tr");
    var box = row && row.querySelector("input[type=checkbox]");
    if (box) { box.checked = !box.checked; }
  }
  function run(target) {
    if (target.matches("input, select, textarea")) { target.focus(); target.select && target.select(); return; }
    if (target.matches("summary")) { target.parentElement.open = true; target.focus(); return; }  // never closes it
    target.focus();
    target.click();
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var help = document.getElementById("shortcut-help");
    if (help && help.open) { return; }  // the dialog's own keys (Escape closes it)
    if (event.key === "?" && help) { event.preventDefault(); help.showModal(); return; }
    if (event.key === "j" || event.key === "k") { event.preventDefault(); move(event.key === "j" ? 1 : -1); return; }
    if (event.key === "x") { event.preventDefault(); tick(); return; }
    var target = document.querySelector('[data-shortcut="' + CSS.escape(event.key) + '"]');
    if (target) { event.preventDefault(); run(target); }
  });
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-shortcut-help]");
    if (opener) { document.getElementById("shortcut-help").showModal(); }
    var closer = event.target.closest("[data-shortcut-close]");
    if (closer) { closer.closest("dialog").close(); }
  });
  function sticky() {  // the sticky case header's height: targets scroll below it, never under it
    var head = document.querySelector(".case-head");
    document.documentElement.style.setProperty("--sticky-height", (head ? head.offsetHeight : 0) + "px");
  }
  document.addEventListener("DOMContentLoaded", function () {
    sticky();
    var head = document.querySelector(".case-head");
    if (head && window.ResizeObserver) { new ResizeObserver(sticky).observe(head); }
    var result = location.hash === "#result" && document.getElementById("result");
    if (result && result.textContent.trim()) { result.focus(); }
  });
})();
