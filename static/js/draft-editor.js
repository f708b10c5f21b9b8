// The draft read from a programme's text, made an editor: rows are added, removed, moved
// (with their sub-rows) and indented, and the whole draft is sent as ONE JSON field, so that a
// 300-task programme is not refused for having too many fields. Without this script the page
// still posts its rows as plain fields (fine for a short programme).
(function () {
  "use strict";
  const form = document.querySelector("form[data-draft-editor]");
  if (!form) return;
  const MAX_DEPTH = 10;
  const FIELD = /^(goal|target|task)-([^-]+)-(.+)$/;
  const MANAGEMENT = /^(goal|target|task)-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;
  let added = 0;

  function rowsOf(list) { return Array.from(list.querySelectorAll(":scope > [data-row]")); }
  function depthOf(row) { return parseInt(row.dataset.depth || "0", 10) || 0; }
  function setDepth(row, depth) {
    row.dataset.depth = String(depth);
    const input = row.querySelector("input[name$='-depth']");
    if (input) input.value = String(depth);
  }
  // The row and the rows below it that are deeper: its sub-tree, which moves with it.
  function block(row) {
    const rows = rowsOf(row.parentElement);
    const depth = depthOf(row);
    const out = [row];
    for (let i = rows.indexOf(row) + 1; i < rows.length && depthOf(rows[i]) > depth; i++) {
      out.push(rows[i]);
    }
    return out;
  }
  function previousSibling(row) {
    const rows = rowsOf(row.parentElement);
    const depth = depthOf(row);
    for (let i = rows.indexOf(row) - 1; i >= 0; i--) {
      if (depthOf(rows[i]) < depth) return null;
      if (depthOf(rows[i]) === depth) return rows[i];
    }
    return null;
  }
  function nextSibling(row) {
    const rows = rowsOf(row.parentElement);
    const own = block(row);
    const next = rows[rows.indexOf(own[own.length - 1]) + 1];
    return next && depthOf(next) === depthOf(row) ? next : null;
  }

  const ops = {
    up(row) {
      const before = previousSibling(row);
      if (!before) return;
      for (const r of block(row)) before.before(r);
    },
    down(row) {
      const after = nextSibling(row);
      if (!after) return;
      const own = block(row);
      const theirs = block(after);
      let anchor = theirs[theirs.length - 1];
      for (const r of own) { anchor.after(r); anchor = r; }
    },
    indent(row) {
      const own = block(row);
      if (!previousSibling(row) || own.some((r) => depthOf(r) >= MAX_DEPTH)) return;
      for (const r of own) setDepth(r, depthOf(r) + 1);
    },
    outdent(row) {
      if (depthOf(row) === 0) return;
      for (const r of block(row)) setDepth(r, depthOf(r) - 1);
    },
    add(row) {
      const own = block(row);
      const fresh = newRow(row.parentElement.dataset.rows, depthOf(row));
      own[own.length - 1].after(fresh);
      focus(fresh);
    },
    remove(row) {
      // Its sub-rows take its place, one level up.
      const own = block(row).slice(1);
      const next = own.length ? own[0] : nextFocus(row);
      for (const r of own) setDepth(r, depthOf(r) - 1);
      row.remove();
      if (next) next.querySelector("button[data-op='remove']")?.focus();
    },
  };

  function nextFocus(row) {
    let next = row.nextElementSibling;
    while (next && !next.matches("[data-row]")) next = next.nextElementSibling;
    return next;
  }

  function newRow(prefix, depth) {
    const template = form.querySelector(`template[data-row-template='${prefix}']`);
    const key = `n${++added}`;
    const html = template.innerHTML.replaceAll("__prefix__", key);
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const row = holder.firstElementChild;
    row.querySelector(".row-tools").hidden = false;
    if (row.hasAttribute("data-depth")) setDepth(row, depth);
    const list = form.querySelector(`[data-rows='${prefix}']`);
    list.querySelector(":scope > .empty")?.remove();
    return row;
  }

  function focus(row) {
    row.querySelector("textarea, input[type=text]")?.focus();
  }

  // Buttons that would do nothing are disabled, so that a person sees what is possible.
  function refresh() {
    for (const list of form.querySelectorAll("[data-rows]")) {
      for (const row of rowsOf(list)) {
        const tools = row.querySelector(".row-tools");
        if (!tools) continue;
        const set = (op, off) => { const b = tools.querySelector(`[data-op='${op}']`); if (b) b.disabled = off; };
        set("up", !previousSibling(row));
        set("down", !nextSibling(row));
        set("indent", !previousSibling(row) || depthOf(row) >= MAX_DEPTH);
        set("outdent", depthOf(row) === 0);
      }
    }
  }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-op], button[data-add]");
    if (!button || !form.contains(button)) return;
    if (button.dataset.add) {
      const prefix = button.dataset.add;
      const fresh = newRow(prefix, 0);
      form.querySelector(`[data-rows='${prefix}']`).append(fresh);
      focus(fresh);
    } else {
      ops[button.dataset.op](button.closest("[data-row]"));
      if (document.activeElement === document.body && button.isConnected) button.focus();
    }
    refresh();
  });

  // The whole draft as one field: every row's cells by name, in the page's order.
  form.addEventListener("formdata", function (event) {
    const data = event.formData;
    const draft = {};
    for (const list of form.querySelectorAll("[data-rows]")) {
      draft[list.dataset.rows] = rowsOf(list).map(function (row) {
        const cells = {};
        for (const el of row.querySelectorAll("input, select, textarea")) {
          const match = FIELD.exec(el.name);
          if (match) cells[match[3]] = el.type === "checkbox" ? el.checked : el.value;
        }
        return cells;
      });
    }
    for (const name of Array.from(data.keys())) {
      if (FIELD.test(name) || MANAGEMENT.test(name)) data.delete(name);
    }
    data.set("draft", JSON.stringify(draft));
  });

  // One save at a time; the server also refuses a second save of the same draft.
  const submit = form.querySelector("button[type=submit]");
  const label = submit.textContent;
  form.addEventListener("submit", function () {
    setTimeout(function () { submit.disabled = true; submit.textContent = submit.dataset.saving; }, 0);
  });
  window.addEventListener("pageshow", function () { submit.disabled = false; submit.textContent = label; });

  // A long draft sent back with errors: a link to the first row to correct.
  const firstError = form.querySelector("[data-row].has-errors");
  const toError = form.querySelector("[data-first-error]");
  if (firstError && toError) {
    firstError.id = "draft-first-error";
    toError.hidden = false;
  }

  // Edits live only in the page until it is saved: leaving it asks first.
  let edited = false;
  form.addEventListener("input", function () { edited = true; });
  form.addEventListener("click", function (event) {
    if (event.target.closest("button[data-op], button[data-add]")) edited = true;
  });
  form.addEventListener("submit", function () { edited = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!edited) return;
    event.preventDefault();
    event.returnValue = form.dataset.leaveWarning;
  });

  for (const tools of form.querySelectorAll("[data-rows] .row-tools")) tools.hidden = false;
  for (const button of form.querySelectorAll("button[data-add]")) button.hidden = false;
  refresh();
})();
