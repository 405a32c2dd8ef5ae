/* Progress without an account (issue 19): each roadmap phase and each term to know can be
   marked learning, done or skipped. Kept in this browser only (localStorage), never sent;
   a term marked on one guide or on its own page counts in every guide that needs it.
   Progressive enhancement: the controls are made here, from the page's data attributes
   (data-term, data-phase) and the translated labels on #progress; without this script the
   guide reads as it always did. External and deferred: runs under the CSP (script-src 'self'). */
(() => {
  "use strict";
  const root = document.getElementById("progress");
  if (!root) return;
  const KEY = "gneurone-progress-v1";
  const STATES = ["", "learning", "done", "skipped"];
  const label = (name) => root.getAttribute(`data-${name}`) || name;

  const read = () => {
    try {
      const data = JSON.parse(localStorage.getItem(KEY) || "{}");
      return { terms: data.terms || {}, phases: data.phases || {} };
    } catch (error) {
      return { terms: {}, phases: {} };
    }
  };
  const write = (data) => localStorage.setItem(KEY, JSON.stringify(data));
  let progress = read();

  const control = (kind, id, name) => {
    const select = document.createElement("select");
    select.className = "progress-state";
    select.setAttribute("aria-label", label("control").replace("%s", name));
    for (const state of STATES) {
      const option = document.createElement("option");
      option.value = state;
      option.textContent = label(state || "not-started");
      select.append(option);
    }
    select.value = progress[kind][id] || "";
    select.addEventListener("change", () => {
      progress = read();
      if (select.value) progress[kind][id] = select.value;
      else delete progress[kind][id];
      write(progress);
      refresh();
    });
    select.dataset.kind = kind;
    select.dataset.id = id;
    return select;
  };

  // A term's control after each of its links in the roadmap, and one on its own page.
  for (const link of document.querySelectorAll("[data-term]")) {
    const wrap = document.createElement("span");
    wrap.className = "progress-control";
    wrap.append(control("terms", link.dataset.term, link.textContent.trim()));
    link.after(wrap);
  }
  const phases = [...document.querySelectorAll("[data-phase]")];
  for (const phase of phases) {
    const heading = phase.querySelector("h3");
    const line = document.createElement("p");
    line.className = "progress-line";
    line.setAttribute("aria-live", "polite");
    phase.append(line);
    heading.after(control("phases", phase.dataset.phase, heading.textContent.trim()));
  }
  const summary = document.createElement("p");
  summary.className = "progress-summary";
  summary.setAttribute("role", "status");

  function counted(terms) {
    const keys = [...new Set(terms)];
    return [keys.filter((key) => ["done", "skipped"].includes(progress.terms[key])).length, keys.length];
  }

  function refresh() {
    progress = read();
    for (const select of document.querySelectorAll("select.progress-state")) {
      select.value = progress[select.dataset.kind][select.dataset.id] || "";
    }
    const all = [];
    for (const phase of phases) {
      const terms = [...phase.querySelectorAll("[data-term]")].map((link) => link.dataset.term);
      all.push(...terms);
      const [done, total] = counted(terms);
      const state = progress.phases[phase.dataset.phase];
      phase.querySelector(".progress-line").textContent =
        state === "done" || state === "skipped" ? label(state) : total ? label("phase-summary").replace("%1", done).replace("%2", total) : "";
    }
    const finished = phases.filter((phase) => ["done", "skipped"].includes(progress.phases[phase.dataset.phase])).length;
    const [done, total] = counted(all);
    summary.textContent = phases.length
      ? label("roadmap-summary").replace("%1", finished).replace("%2", phases.length).replace("%3", done).replace("%4", total)
      : "";
  }

  // The panel: the summary, a code to carry the progress to another device, and forgetting it.
  const panel = root;
  panel.hidden = false;
  panel.prepend(summary);
  const code = panel.querySelector("#progress-code");
  panel.querySelector("[data-action=export]").addEventListener("click", () => {
    code.value = btoa(unescape(encodeURIComponent(JSON.stringify(read()))));
    code.select();
    panel.querySelector(".progress-message").textContent = label("exported");
  });
  panel.querySelector("[data-action=import]").addEventListener("click", () => {
    const message = panel.querySelector(".progress-message");
    try {
      const data = JSON.parse(decodeURIComponent(escape(atob(code.value.trim()))));
      if (typeof data !== "object" || data === null) throw new Error("not an object");
      write({ terms: data.terms || {}, phases: data.phases || {} });
      refresh();
      message.textContent = label("imported");
    } catch (error) {
      message.textContent = label("import-failed");
    }
  });
  panel.querySelector("[data-action=forget]").addEventListener("click", () => {
    if (!window.confirm(label("forget-confirm"))) return;
    localStorage.removeItem(KEY);
    refresh();
    panel.querySelector(".progress-message").textContent = label("forgotten");
  });
  window.addEventListener("storage", (event) => event.key === KEY && refresh());
  refresh();
})();
