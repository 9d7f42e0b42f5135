// congxa serve: live reload and build-error overlay. Injected by the preview
// server only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = me ? me.getAttribute("data-generation") : "0";
  var overlay = null;

  function hideProblem() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function showProblem(text) {
    hideProblem();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-live", "assertive");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(255,255,255,.97);color:#1a1a1a;padding:1.5rem;" +
      "font:16px/1.5 system-ui,sans-serif;border-top:6px solid #b3261e";
    var title = document.createElement("h2");
    title.textContent = "__OVERLAY_TITLE__";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.25rem;color:#b3261e";
    var help = document.createElement("p");
    help.textContent = "__OVERLAY_HELP__";
    help.style.margin = "0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText =
      "white-space:pre-wrap;font:14px/1.45 Consolas,\"Liberation Mono\",\"Noto Sans Mono\",ui-monospace,monospace;" +
      "background:#fdf3f2;border:1px solid #e8b4b0;padding:1rem;margin:0";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "__OVERLAY_CLOSE__";
    close.style.cssText = "margin-top:1rem;font:inherit;padding:.4rem 1rem";
    close.addEventListener("click", hideProblem);
    overlay.appendChild(title);
    overlay.appendChild(help);
    overlay.appendChild(pre);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  if (!window.EventSource) return;
  var url =
    "/__congxa/events?generation=" +
    encodeURIComponent(generation) +
    "&path=" +
    encodeURIComponent(location.pathname);
  var source = new EventSource(url);
  source.addEventListener("reload", function () {
    source.close();
    location.reload();
  });
  source.addEventListener("problem", function (e) {
    showProblem(e.data);
  });
})();
