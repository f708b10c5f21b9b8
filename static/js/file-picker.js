// The evidence file picker in Vietnamese: a browser words its own file input in its own
// language ("Choose File", "No file chosen"), so the input is hidden and a label stands in for
// its button. This only writes the chosen file's name beside it; the form works without it.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-file-picker")) return;
    const shown = input.closest(".file-picker")?.querySelector("[data-file-name]");
    if (!shown) return;
    const names = Array.from(input.files || []).map((file) => file.name);
    shown.textContent = names.length ? names.join(", ") : shown.dataset.none;
  });
})();
