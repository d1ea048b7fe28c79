/* Delegationsplaner: suggestions while typing a case, the fields a case type needs, tidy URLs,
   filters that apply themselves, matrix cells that open in a dialog, print buttons and the time
   of printing on the printout. The pages work without it. */
"use strict";

(function () {
  function debounce(fn, ms) {
    let timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  /* A GET form submits only the filled-in fields, so shared URLs stay short and readable. */
  function tidySubmit(form, allPlans) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (String(value).trim() !== "") params.append(name, String(value).trim());
      }
      if (allPlans && params.getAll("plan").length === allPlans) params.delete("plan");
      const query = params.toString();
      window.location.assign(form.getAttribute("action") + (query ? "?" + query : ""));
    });
  }

  function setupAsk() {
    const input = document.getElementById("sag");
    const list = document.getElementById("forslag");
    const status = document.getElementById("forslag-status");
    if (!input || !list) return;
    const form = input.form;
    let items = [];
    let active = -1;
    let asked = 0;

    function showFields(facts, department) {
      let any = false;
      form.querySelectorAll("[data-fact]").forEach(function (box) {
        const field = box.querySelector("input");
        const on = facts.indexOf(box.dataset.fact) >= 0 || field.value.trim() !== "";
        box.hidden = !on;
        field.disabled = !on;
        any = any || on;
      });
      const deptBox = form.querySelector("[data-department]");
      if (deptBox) {
        const select = deptBox.querySelector("select");
        const on = department || select.value !== "";
        deptBox.hidden = !on;
        select.disabled = !on;
        any = any || on;
      }
      document.getElementById("no-facts").hidden = any;
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function render() {
      list.textContent = "";
      items.forEach(function (item, index) {
        const option = document.createElement("li");
        option.id = "forslag-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", index === active ? "true" : "false");
        const title = document.createElement("span");
        title.className = "title";
        title.textContent = item.title;
        const meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = [item.section, "plan " + item.plans.join(", ")].filter(Boolean).join(" · ");
        option.append(title, meta);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.append(option);
      });
      const open = items.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", "forslag-" + active);
        document.getElementById("forslag-" + active).scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    async function suggest() {
      const text = input.value.trim();
      const mine = ++asked;
      if (text.length < 2) {
        items = [];
        close();
        return;
      }
      const response = await fetch("/sporg/forslag?q=" + encodeURIComponent(text));
      if (!response.ok || mine !== asked) return;
      items = await response.json();
      active = -1;
      render();
      status.textContent = items.length ? items.length + " forslag. Brug pil ned for at vælge." : "Ingen forslag.";
    }

    function choose(index) {
      const item = items[index];
      input.value = item.title;
      showFields(item.facts, item.department);
      close();
      const next = form.querySelector("[data-fact]:not([hidden]) input, [data-department]:not([hidden]) select");
      (next || form.querySelector("button[type=submit]")).focus();
    }

    input.addEventListener("input", debounce(suggest, 150));
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown" && items.length) {
          active = 0;
          render();
          event.preventDefault();
        }
        return;
      }
      if (event.key === "ArrowDown") {
        active = (active + 1) % items.length;
      } else if (event.key === "ArrowUp") {
        active = active <= 0 ? items.length - 1 : active - 1;
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
        return;
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
        return;
      } else {
        return;
      }
      event.preventDefault();
      render();
    });
    input.addEventListener("blur", close);
    tidySubmit(form, form.querySelectorAll("input[name=plan]").length);
  }

  /* Sammenlign: short filter URLs; a cell's bands and citations open in a dialog. */
  function setupCompare() {
    const filters = document.getElementById("filters");
    if (!filters) return;
    tidySubmit(filters, filters.querySelectorAll("input[name=plan]").length);
    const dialog = document.getElementById("celle-dialog");
    if (!dialog || typeof dialog.showModal !== "function") return;
    const body = dialog.querySelector("[data-dialog-body]");
    let opener = null;
    let pageUrl = window.location.href;
    document.querySelectorAll("a[data-cell]").forEach(function (link) {
      link.addEventListener("click", async function (event) {
        event.preventDefault();
        opener = link;
        const response = await fetch(link.dataset.cell);
        if (!response.ok) {
          window.location.assign(link.href);
          return;
        }
        body.innerHTML = await response.text();
        pageUrl = window.location.href;
        window.history.replaceState(null, "", link.href);   /* the address bar shares this cell */
        dialog.showModal();
        const heading = dialog.querySelector(".cell-title");
        if (heading) heading.focus();
      });
    });
    dialog.addEventListener("close", function () {
      window.history.replaceState(null, "", pageUrl);
      if (opener) opener.focus();
    });
    dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
  }

  /* A link to a folded list (a flow in Sammenlign's diagram) unfolds it. */
  function openTarget() {
    let id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;  // "#%E0" is no id: decoding it threw, and the rest of the page's set-up with it
    }
    const target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  /* The print buttons need a script, so they are shown by it. */
  function setupPrint() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* The printout says when it was printed, by the reader's clock, in the page's own words:
     data-label "Udskrevet", data-format "{date} kl. {hour}.{minute}" (set by the server). */
  function stampPrintTime() {
    const stamp = document.querySelector("[data-printed]");
    if (!stamp) return;
    const now = new Date();
    const lang = document.documentElement.lang || "da";
    const date = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" }).format(now);
    const two = function (n) { return String(n).padStart(2, "0"); };
    const when = stamp.dataset.format
      .replace("{date}", date)
      .replace("{hour}", two(now.getHours()))
      .replace("{minute}", two(now.getMinutes()));
    stamp.textContent = stamp.dataset.label + " " + when;
    /* The server wrote the path alone (never the Host header a client sends); the browser knows
       the address the reader sees. */
    const address = document.querySelector("[data-address]");
    if (address) address.textContent = window.location.href;
  }

  /* Printing shows folded details (the plans' caveats) too; they close again afterwards. */
  let foldedForPrint = [];
  window.addEventListener("beforeprint", function () {
    stampPrintTime();
    foldedForPrint = Array.from(document.querySelectorAll("details:not([open])"));
    foldedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    foldedForPrint.forEach(function (details) { details.open = false; });
  });

  document.addEventListener("DOMContentLoaded", function () {
    setupAsk();
    setupCompare();
    setupPrint();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  });
})();
