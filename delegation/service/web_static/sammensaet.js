/* Sammensæt: a changed choice recomputes the plan at once; the page is fetched again and its
   result and table swapped in, so the reader keeps their place. The page works without it. */
"use strict";

(function () {
  const form = document.getElementById("sammensaet");
  if (!form) return;
  let asked = 0;
  let currentBase = form.elements.namedItem("base").value;

  function query() {
    const params = new URLSearchParams();
    const base = form.elements.namedItem("base").value;
    params.set("base", base);
    form.querySelectorAll("select[name^='s.']").forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    });
    // A row chosen like its list (or the base) needs no parameter: links stay short.
    let list = "";
    form.querySelectorAll("tbody tr").forEach(function (row) {
      const whole = row.querySelector("select[name^='s.']");
      if (whole) list = whole.value;
      const choice = row.querySelector("select[data-row-choice]");
      if (choice && choice.value !== (list || base)) params.set(choice.name, choice.value);
    });
    return params.toString();
  }

  function refresh(changed) {
    const number = ++asked;
    const url = form.getAttribute("action") + "?" + query();
    fetch(url, { headers: { accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (number !== asked) return; // a later choice is already on its way
        const page = new DOMParser().parseFromString(html, "text/html");
        for (const id of ["resultat", "sammensaet"]) {
          const fresh = page.getElementById(id);
          const current = document.getElementById(id);
          if (fresh && current) {
            if (id === "sammensaet") {
              // Keep the form element (and focus): update only the choices and the cells.
              current.querySelector("tbody").replaceWith(fresh.querySelector("tbody"));
            } else {
              current.replaceWith(fresh);
            }
          }
        }
        window.history.replaceState(null, "", url);
        if (changed && changed.id) {
          const again = document.getElementById(changed.id);
          if (again) again.focus();
        }
      });
  }

  form.addEventListener("change", function (event) {
    const target = event.target;
    if (target.id === "base") {
      // The rows that followed the former base follow the new one.
      form.querySelectorAll("select[data-row-choice]").forEach(function (choice) {
        if (choice.value === currentBase) choice.value = target.value;
      });
      currentBase = target.value;
    }
    if (target.name && target.name.startsWith("s.")) {
      // A whole list from one plan: its rows follow.
      const section = target.closest("tr");
      let row = section.nextElementSibling;
      while (row && !row.classList.contains("section")) {
        const choice = row.querySelector("select[data-row-choice]");
        if (choice) choice.value = target.value || form.elements.namedItem("base").value;
        row = row.nextElementSibling;
      }
    }
    refresh(target);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    refresh(null);
  });
})();
