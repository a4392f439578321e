/* backprop course, `make app`: a student whose kernel is gone is told so, and given a fresh seat.
   The page asks the server every POLL_MS whether its kernel still runs (/api/kernels/<id>). A kernel that died is
   removed at once (binder/app/voila.py: it is never restarted bare; the kernel's status on the page's own connection
   says so sooner), one whose page was away longer than
   IDLE_TIMEOUT is culled: either way the server answers 404, and the page covers its views, which could no longer
   answer, with a notice and one button that reloads it: Voilà hands the reloaded page a fresh pre-heated kernel.
   While the server cannot be reached (network lost, laptop asleep) the page says nothing: the kernel may well
   still be there when the network returns, and then the page reconnects at once and its views answer again. */
(function () {
  var POLL_MS = 2000;
  var config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  if (!config.kernelId) return;
  var base = (config.baseUrl || "/").replace(/\/?$/, "/");
  var url = base + "api/kernels/" + encodeURIComponent(config.kernelId);
  var away = false, told = false, timer = null;
  var WHY = {
    stopped: "The Python behind this page stopped (it may have run out of memory). The sliders and buttons " +
             "here can no longer answer.",
    away: "You were disconnected for long enough that the class server closed your lesson to free its seat. " +
          "The sliders and buttons here can no longer answer."
  };

  function tell(reason) {
    if (told) return;
    told = true;
    clearTimeout(timer);
    var cells = document.getElementById("rendered_cells");
    if (cells) { cells.inert = true; cells.classList.add("backprop-seat-lost"); }
    var notice = document.createElement("div");
    notice.id = "backprop-seat-notice";
    notice.setAttribute("role", "alertdialog");
    notice.setAttribute("aria-labelledby", "backprop-seat-title");
    notice.setAttribute("aria-describedby", "backprop-seat-why");
    notice.dataset.reason = reason;
    notice.innerHTML = '<div class="backprop-seat-box"><h2 id="backprop-seat-title">This lesson has stopped</h2>' +
      '<p id="backprop-seat-why"></p><button type="button">Start the lesson again</button>' +
      '<p class="backprop-seat-note">It opens as at the start: the lesson runs again in a fresh Python, ' +
      'so move the sliders again from there.</p></div>';
    notice.querySelector("#backprop-seat-why").textContent = WHY[reason];
    var button = notice.querySelector("button");
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Opening a fresh copy…";
      location.reload();
    });
    document.body.appendChild(notice);
    button.focus();
  }

  /* The kernel's own status, once Voilà's widget manager has its connection: the server says "dead" the moment it
     finds the kernel gone, and a kernel restarted bare (outside `make app`, which never restarts one) says
     "restarting": either way the views can no longer answer. */
  var watched = false;
  function watch() {
    var app = window.jupyterapp, kernel = app && app.widgetManager && app.widgetManager.kernel;
    if (watched || !kernel || !kernel.statusChanged) return;
    watched = true;
    kernel.statusChanged.connect(function (_, status) {
      if (status === "dead" || status === "restarting" || status === "autorestarting") tell("stopped");
    });
  }

  /* The server answers and the kernel runs, but the page's own connection to it may still wait out its back-off
     (up to minutes after a long drop), or have given up: connect it now (Voilà's widget manager holds it). */
  function rejoin() {
    var app = window.jupyterapp, kernel = app && app.widgetManager && app.widgetManager.kernel;
    if (kernel && !kernel.isDisposed && kernel.connectionStatus !== "connected") {
      kernel.reconnect().catch(function () {});
    }
  }

  function check() {
    clearTimeout(timer);
    if (told) return;
    watch();
    fetch(url, {cache: "no-store", credentials: "same-origin"}).then(function (response) {
      if (response.status === 404) tell(away ? "away" : "stopped");
      else if (response.ok) { away = false; rejoin(); }
    }, function () { away = true; }).then(function () { timer = setTimeout(check, POLL_MS); });
  }

  window.addEventListener("online", check);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) check(); });
  timer = setTimeout(check, POLL_MS);
})();
