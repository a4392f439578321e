  /* backprop course: a republished lesson reaches a learner who has a copy in this browser (tools/lite/republish.py).
     config-utils.js awaits this before it loads JupyterLite, so JupyterLite reads the stored files after it. */
  self.backpropRepublished = async function (config) {
    function edition(notebook) {       /* as republish.py edition(): FNV-1a of the cells' types and sources */
      var cells = (notebook.cells || []).map(function (cell) {
        return [cell.cell_type, Array.isArray(cell.source) ? cell.source.join("") : cell.source];
      });
      var text = JSON.stringify(cells), value = 0x811c9dc5;
      for (var i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
      return ("0000000" + value.toString(16)).slice(-8);
    }
    function done(request) {
      return new Promise(function (resolve, reject) {
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    function openStored(name) {        /* the drive's database, or null: one that does not exist is not created */
      return new Promise(function (resolve) {
        var request = indexedDB.open(name);
        request.onupgradeneeded = function () { request.transaction.abort(); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { resolve(null); };
      });
    }
    function freeName(names, lesson) {
      var stem = lesson.replace(/\.ipynb$/, ""), name = stem + "%(kept_as)s.ipynb";
      for (var n = 2; names.indexOf(name) >= 0; n++) {
        name = stem + "%(kept_as)s".replace(")", ", " + n + ")") + ".ipynb";
      }
      return name;
    }
    function tell(kept, replaced) {
      var box = document.createElement("div");
      box.id = "backprop-republished";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:40px;left:50%;transform:translateX(-50%);z-index:100000;" +
        "max-width:40em;padding:12px 40px 12px 16px;background:#fff8e1;color:#1a1a1a;border:2px solid #b26a00;" +
        "border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.25);font:14px/1.5 system-ui,sans-serif";
      var lines = kept.map(function (pair) {
        return "Your teacher published a new edition of " + pair[0] + ". The lesson open under that name is the new " +
          "edition; your edited copy is kept as \u201c" + pair[1] + "\u201d in the file browser.";
      }).concat(replaced.map(function (lesson) {
        return "Your teacher published a new edition of " + lesson + ": it replaced your copy, which had no " +
          "edits of yours.";
      }));
      lines.forEach(function (line) {
        var p = document.createElement("p");
        p.style.margin = "4px 0";
        p.textContent = line;
        box.appendChild(p);
      });
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", "Close this message");
      close.style.cssText = "position:absolute;top:6px;right:8px;border:none;background:none;font-size:20px;" +
        "cursor:pointer";
      close.onclick = function () { box.remove(); };
      box.appendChild(close);
      (document.body || document.documentElement).appendChild(box);
    }
    try {
      var root = new URL((document.getElementById("jupyter-config-data").getAttribute("data-jupyter-lite-root") ||
                          "..") + "/", location.href);
      var response = await fetch(new URL("%(editions)s", root), {cache: "no-cache"});
      if (!response.ok) return;
      var editions = await response.json();
      /* A lesson republished since this browser's last visit may still be fresh in its HTTP cache (a static host
         lets a file be kept for minutes): ask for it again, so that JupyterLite gets the new edition. */
      var key = "backprop-editions " + config.baseUrl, seen = {};
      try { seen = JSON.parse(localStorage.getItem(key) || "{}"); } catch (error) { seen = {}; }
      await Promise.all(Object.keys(editions).filter(function (lesson) {
        return seen[lesson] && seen[lesson] !== editions[lesson].edition;
      }).map(function (lesson) {
        return fetch(new URL("files/" + lesson, root), {cache: "reload"}).catch(function () {});
      }));
      Object.keys(editions).forEach(function (lesson) { seen[lesson] = editions[lesson].edition; });
      localStorage.setItem(key, JSON.stringify(seen));
      var db = await openStored(config.contentsStorageName || "JupyterLite Storage - " + config.baseUrl);
      if (!db) return;
      if (!db.objectStoreNames.contains("files")) return db.close();
      var names = await done(db.transaction("files").objectStore("files").getAllKeys());
      var kept = [], replaced = [];
      for (var lesson in editions) {
        if (names.indexOf(lesson) < 0) continue;
        var known = editions[lesson];
        var store = db.transaction("files", "readwrite").objectStore("files");
        var copy = await done(store.get(lesson));
        var notebook = copy && copy.type === "notebook" && copy.content;
        if (!notebook || typeof notebook !== "object") continue;
        var from = (notebook.metadata || {})["%(stamp)s"], cells = edition(notebook);
        if (from === known.edition || cells === known.edition) continue;     /* today's edition: the learner's own */
        store = db.transaction("files", "readwrite").objectStore("files");
        if (cells === from || (!from && known.earlier.indexOf(cells) >= 0)) {
          await done(store.delete(lesson));
          replaced.push(lesson);
        } else {
          var name = freeName(names, lesson);
          names.push(name);
          store.put(Object.assign({}, copy, {name: name, path: name}), name);
          await done(store.delete(lesson));                /* one transaction: both happen, or neither */
          kept.push([lesson, name]);
        }
      }
      db.close();
      if (kept.length || replaced.length) {
        if (document.body) tell(kept, replaced);
        else addEventListener("DOMContentLoaded", function () { tell(kept, replaced); });
      }
    } catch (error) {
      console.warn("backprop: could not compare the stored lessons with the site's editions:", error);
    }
  };
