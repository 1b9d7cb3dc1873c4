// Daily use, without inline scripts (the Content-Security-Policy allows only our own files):
// a confirmation before a form marked data-confirm is sent, and the autosave line's state.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function autosaveLine(elt) {
    return elt && elt.id === "autosave" ? elt : null;
  }

  function stamp() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
  }

  function say(line, text, kind) {
    line.textContent = "";
    var span = document.createElement("span");
    span.className = kind;
    if (kind === "error") { span.setAttribute("role", "alert"); }
    span.textContent = text;
    line.appendChild(span);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var line = autosaveLine(event.detail.elt);
    if (line) { say(line, "正在自动保存…", "info"); }
  });

  // a refused save is shown, not dropped: 409 someone else saved or the table can no longer be changed,
  // 400 a figure the server does not accept (the message names it)
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (autosaveLine(event.detail.elt) && (status === 409 || status === 400)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var line = autosaveLine(event.detail.elt);
    if (line) { say(line, "未能自动保存（" + stamp() + "，服务器错误 " + event.detail.xhr.status + "），请点“保存”重试", "error"); }
  });

  document.addEventListener("htmx:sendError", function (event) {
    var line = autosaveLine(event.detail.elt);
    if (line) { say(line, "未能自动保存（" + stamp() + "，无法连接服务器），内容仍在页面上，请检查网络后点“保存”", "error"); }
  });
})();
