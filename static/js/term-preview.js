/* Term previews: a link to another term shows that term's short answer on hover, keyboard
   focus or a first tap, without leaving the page. Progressive enhancement: without this
   script the links are plain links. The container marked data-term-previews="<index URL>"
   says which links qualify: same-origin links to <index URL><slug>/. The data comes from
   <term URL>preview.json (one query, cacheable). No inline style or script: positions are
   set through the CSSOM, which a Content Security Policy without 'unsafe-inline' allows. */
(() => {
  "use strict";
  const root = document.querySelector("[data-term-previews]");
  if (!root || !window.fetch) return;

  const prefix = root.getAttribute("data-term-previews");
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const termPath = new RegExp(`^${escaped}[-\\w]+/$`);
  const loaded = new Map();
  let current = null; // the link whose preview is shown
  let wanted = null; // the link whose preview was asked for last (answers may come back out of order)
  let tapped = null; // on touch screens: the link tapped once (a second tap follows it)
  let lastPointer = "mouse";
  let showTimer = 0;
  let hideTimer = 0;

  const tip = document.createElement("div");
  tip.id = "term-preview";
  tip.className = "term-preview";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  const name = document.createElement("strong");
  name.className = "term-preview-name";
  const lede = document.createElement("span");
  lede.className = "term-preview-lede";
  tip.append(name, lede);
  document.body.append(tip);

  const termLink = (target) => {
    const link = target instanceof Element ? target.closest("a[href]") : null;
    if (!link || !root.contains(link) || link.origin !== location.origin) return null;
    if (!termPath.test(link.pathname) || link.pathname === location.pathname) return null;
    return link;
  };

  const load = (link) => {
    const url = `${link.pathname}preview.json`;
    if (!loaded.has(url)) {
      const request = fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
      loaded.set(url, request);
    }
    return loaded.get(url);
  };

  const place = (link) => {
    const box = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const room = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(box.left, room - width - 8));
    const below = box.bottom + 8 + height <= window.innerHeight || box.top < height + 8;
    const top = below ? box.bottom + 8 : box.top - height - 8;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
  };

  const hide = () => {
    clearTimeout(showTimer);
    wanted = null;
    tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tapped = null;
  };

  const show = (link) => {
    clearTimeout(hideTimer);
    wanted = link;
    load(link).then((data) => {
      if (!data || wanted !== link || !link.isConnected) return;
      if (current && current !== link) current.removeAttribute("aria-describedby");
      name.textContent = data.name;
      lede.textContent = data.lede;
      tip.lang = link.lang || document.documentElement.lang;
      tip.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", tip.id);
      current = link;
    });
  };

  const hideSoon = () => {
    clearTimeout(showTimer);
    hideTimer = setTimeout(hide, 200);
  };

  root.addEventListener("pointerover", (event) => {
    lastPointer = event.pointerType;
    const link = termLink(event.target);
    if (!link || event.pointerType === "touch") return;
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    showTimer = setTimeout(() => show(link), 150);
  });
  root.addEventListener("pointerout", (event) => {
    if (termLink(event.target) && event.pointerType !== "touch") hideSoon();
  });
  // The preview itself can be hovered (to read or select it) without disappearing: WCAG 1.4.13.
  tip.addEventListener("pointerenter", () => clearTimeout(hideTimer));
  tip.addEventListener("pointerleave", hideSoon);

  root.addEventListener("focusin", (event) => {
    const link = termLink(event.target);
    if (link && lastPointer !== "touch") show(link);
  });
  root.addEventListener("focusout", (event) => {
    if (termLink(event.target) && lastPointer !== "touch") hide();
  });

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    if (!termLink(event.target) && !tip.contains(event.target)) hide();
  });
  // First tap shows the preview, a second tap on the same link follows it.
  root.addEventListener("click", (event) => {
    const link = termLink(event.target);
    if (!link || lastPointer !== "touch" || tapped === link) return;
    event.preventDefault();
    hide();
    tapped = link;
    show(link);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !tip.hidden) hide();
  });
  window.addEventListener("resize", () => current && place(current));
})();
