/* Cite this page: a "Copy" button beside each citation. Progressive enhancement: without
   this script (or without the Clipboard API) the buttons stay hidden and the citations are
   plain selectable text. Loaded deferred from the same origin; no inline script or handler,
   so it runs under the Content Security Policy (script-src 'self'). */
(() => {
  "use strict";
  const buttons = document.querySelectorAll("button[data-copy]");
  if (!buttons.length || !navigator.clipboard || !window.isSecureContext) return;
  const status = document.querySelector(".cite .copy-status");

  const selectText = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  for (const button of buttons) {
    const source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) continue;
    const label = button.textContent;
    let timer = 0;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent).then(
        () => {
          const done = button.getAttribute("data-copied");
          button.textContent = done;
          if (status) status.textContent = done;
          clearTimeout(timer);
          timer = setTimeout(() => {
            button.textContent = label;
            if (status) status.textContent = "";
          }, 2000);
        },
        () => selectText(source), // refused (permissions): the text is selected, ready to copy
      );
    });
  }
})();
