// The copy buttons of command blocks (macros/components.html command_block): shown only where the browser can copy,
// so a button never does nothing (refused, it selects the command); the button says "Copied" for a moment after a copy.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) { return; }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var code = button.parentElement.querySelector("code");
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = button.dataset.copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {  // copying refused: select the command, for the keyboard's copy
        var range = document.createRange();
        range.selectNodeContents(code);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      });
    });
  });
})();
