// Keeps what an official types in the browser's storage until the server has it, so that a
// lost connection, a closed tab or a dead battery loses nothing. The page offers to restore
// text that never reached the server.
(function () {
  "use strict";
  const form = document.querySelector("form[data-draft-key]");
  if (!form || !window.localStorage) return;
  const key = "draft:" + form.dataset.draftKey;

  function fields() {
    return Array.from(form.elements).filter(
      (el) => el.name && !["hidden", "file", "submit", "button"].includes(el.type)
    );
  }
  function collect() {
    const data = {};
    for (const el of fields()) {
      if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
      else if (el.type === "checkbox") data[el.name] = el.checked;
      else data[el.name] = el.value;
    }
    return data;
  }
  function apply(data) {
    for (const el of fields()) {
      if (!(el.name in data)) continue;
      if (el.type === "radio") el.checked = el.value === data[el.name];
      else if (el.type === "checkbox") el.checked = !!data[el.name];
      else el.value = data[el.name];
    }
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  const onServer = collect();
  const stored = JSON.parse(localStorage.getItem(key) || "null");
  if (stored && !same(stored.data, onServer)) {
    const time = new Date(stored.savedAt).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
    const box = document.createElement("div");
    box.className = "notice draft-restore";
    box.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = form.dataset.restoreText.replace("{time}", time);
    const restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = form.dataset.restoreButton;
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary outline";
    discard.textContent = form.dataset.discardButton;
    restore.addEventListener("click", function () {
      apply(stored.data);
      box.remove();
      form.dispatchEvent(new Event("input", { bubbles: true }));  // autosave it now
    });
    discard.addEventListener("click", function () { localStorage.removeItem(key); box.remove(); });
    box.append(text, restore, discard);
    form.prepend(box);
  } else {
    localStorage.removeItem(key);
  }

  function remember() { localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), data: collect() })); }
  form.addEventListener("input", remember);
  form.addEventListener("change", remember);
  function offline(event) {
    if (event.detail.elt !== form) return;
    const status = document.getElementById("save-status");
    let note = status.querySelector(".offline");
    if (!note) {
      note = document.createElement("p");
      note.className = "save-error offline";
      note.setAttribute("role", "alert");
      status.append(note);
    }
    note.textContent = form.dataset.offlineText;
  }
  document.body.addEventListener("htmx:sendError", offline);
  document.body.addEventListener("htmx:responseError", offline);
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "save-status" &&
        !document.querySelector("#save-status .save-error")) {
      localStorage.removeItem(key);
    }
  });
})();
