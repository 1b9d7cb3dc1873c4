// The fill-in form's row buttons, without inline scripts (the Content-Security-Policy forbids them):
// "删除" removes its row, "添加…" copies a <template> with a fresh key; either re-scores the form.
(function () {
  "use strict";
  function changed(form) { form.dispatchEvent(new Event("input", { bubbles: true })); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var form = button.closest("form");
    if (button.hasAttribute("data-remove-row")) {
      button.closest("tr").remove();
      if (form) { changed(form); }
    } else if (button.dataset.addRow) {
      var kind = button.dataset.addRow;
      var template = document.getElementById(kind + "-template");
      var key = String(Date.now() % 1000000000);
      var html = template.innerHTML.split("__key__").join(key);
      document.getElementById(kind === "goal" ? "goals" : "sources").insertAdjacentHTML("beforeend", html);
      if (form) { changed(form); }
    }
  });
})();
