// Unsent drafts of edit forms, kept in this browser's localStorage, so that an expired
// session, a failed security check or a refused submission loses nothing.
//
// Contract:
// - <form data-draft="KEY"> opts a form in; KEY is the form page's path and query
//   (templates render `{{ request.get_full_path }}`; an empty value means this page's
//   location). Its named inputs, textareas and selects are saved, debounced, on input and
//   change, never the CSRF token or the buttons; with them the time saved and the form's
//   base_revision. A form whose values are unchanged from the page as served has no draft.
// - On load, a saved draft that differs from the form offers itself in a banner at the top
//   of the form: "Restore my draft" puts every value back (formset rows the editor had
//   added are recreated first by clicking their [data-formset-add] button), "Discard it"
//   deletes it. Until the editor chooses, the saved draft is not overwritten.
// - A draft is deleted only when the server confirms the submission: the next page has an
//   element with data-draft-sent="KEY" (base.html renders it for a message whose extra
//   tags are "draft-sent KEY").
// - Storage errors (private mode, quota) are ignored: the form works without drafts.
(() => {
  "use strict";

  const PREFIX = "annals:draft:";
  const SAVE_DELAY_MS = 500;
  const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
  const SKIPPED_NAMES = new Set(["csrfmiddlewaretoken"]);
  const SKIPPED_TYPES = new Set(["submit", "button", "reset", "image", "file", "password"]);

  const storage = {
    get(key) {
      try {
        const raw = window.localStorage.getItem(PREFIX + key);
        return raw ? JSON.parse(raw) : null;
      } catch (error) {
        return null;
      }
    },
    set(key, draft) {
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(draft));
      } catch (error) {
        // Private mode or a full quota: the form still posts normally.
      }
    },
    remove(key) {
      try {
        window.localStorage.removeItem(PREFIX + key);
      } catch (error) {
        // Nothing to do: there is no draft we could have kept either.
      }
    },
    forgetOld() {
      try {
        const now = Date.now();
        for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
          const name = window.localStorage.key(i);
          if (!name || !name.startsWith(PREFIX)) continue;
          const draft = storage.get(name.slice(PREFIX.length));
          if (!draft || !(now - draft.savedAt < MAX_AGE_MS)) window.localStorage.removeItem(name);
        }
      } catch (error) {
        // Unreadable storage keeps nothing to forget.
      }
    },
  };

  function fields(form) {
    return Array.from(form.elements).filter(
      (element) =>
        element.name &&
        !element.disabled &&
        !SKIPPED_NAMES.has(element.name) &&
        !SKIPPED_TYPES.has(element.type) &&
        ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName),
    );
  }

  // name -> value; checkboxes and multiple selects give the list of their chosen values.
  function values(form, { served = false } = {}) {
    const result = {};
    for (const element of fields(form)) {
      if (element.type === "checkbox") {
        const checked = served ? element.defaultChecked : element.checked;
        result[element.name] = result[element.name] || [];
        if (checked) result[element.name].push(element.value);
      } else if (element.type === "radio") {
        const checked = served ? element.defaultChecked : element.checked;
        if (checked) result[element.name] = element.value;
        else if (!(element.name in result)) result[element.name] = "";
      } else if (element.tagName === "SELECT") {
        const chosen = Array.from(element.options)
          .filter((option) => (served ? option.defaultSelected : option.selected))
          .map((option) => option.value);
        if (element.multiple) result[element.name] = chosen;
        else result[element.name] = chosen.length ? chosen[0] : element.options[0]?.value ?? "";
      } else if (element.tagName === "TEXTAREA") {
        // defaultValue keeps the served CRLF line breaks; value always has LF.
        const text = served ? element.defaultValue : element.value;
        result[element.name] = text.replace(/\r\n?/g, "\n");
      } else {
        result[element.name] = served ? element.defaultValue : element.value;
      }
    }
    return result;
  }

  function same(a, b) {
    const names = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const name of names) {
      if (JSON.stringify(a[name] ?? null) !== JSON.stringify(b[name] ?? null)) return false;
    }
    return true;
  }

  function setValue(form, name, value) {
    for (const element of fields(form).filter((candidate) => candidate.name === name)) {
      if (element.type === "checkbox") {
        element.checked = Array.isArray(value) && value.includes(element.value);
      } else if (element.type === "radio") {
        element.checked = element.value === value;
      } else if (element.tagName === "SELECT") {
        const chosen = Array.isArray(value) ? value : [value];
        for (const option of element.options) option.selected = chosen.includes(option.value);
      } else {
        element.value = value;
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // Formsets (Django's PREFIX-TOTAL_FORMS): rows added in the draft are added again with the
  // page's own "Add a …" button; rows the page has beyond the draft's are emptied, so that
  // the restored form is the draft, even if the article changed since.
  function restoreRows(form, saved) {
    const done = new Set();
    for (const name of Object.keys(saved)) {
      const match = /^(.+)-TOTAL_FORMS$/.exec(name);
      const total = form.elements.namedItem(name);
      if (!match || !total) continue;
      const prefix = match[1];
      const wanted = Number(saved[name]);
      const button = form.querySelector(`[data-formset-add="${CSS.escape(prefix)}"]`);
      while (button && Number(total.value) < wanted) {
        const before = Number(total.value);
        button.click();
        if (Number(total.value) <= before) break;
      }
      const row = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)-`);
      for (const element of fields(form)) {
        const index = row.exec(element.name);
        if (!index || Number(index[1]) < wanted || element.name in saved) continue;
        if (element.type === "checkbox" || element.type === "radio") element.checked = false;
        else if (element.tagName !== "SELECT") element.value = "";
      }
      done.add(name);
    }
    return done;
  }

  function restore(form, draft) {
    const done = restoreRows(form, draft.values);
    for (const [name, value] of Object.entries(draft.values)) {
      if (!done.has(name)) setValue(form, name, value);
    }
  }

  function whenSaved(savedAt) {
    const date = new Date(savedAt);
    const time = date
      .toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" })
      .replace(/\s/g, "\u00a0"); // "1:15 PM" never breaks before "PM".
    if (date.toDateString() === new Date().toDateString()) return `today at ${time}`;
    const day = date.toLocaleDateString(undefined, {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return `${day} at ${time}`;
  }

  function button(label, variant) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `button${variant ? ` button--${variant}` : ""}`;
    element.textContent = label;
    return element;
  }

  function firstField(form) {
    return fields(form).find((element) => element.type !== "hidden");
  }

  function offer(form, draft, { onRestore, onDiscard }) {
    const banner = document.createElement("div");
    banner.className = "draft-banner";
    banner.setAttribute("role", "status");
    banner.tabIndex = -1;
    const text = document.createElement("p");
    text.className = "draft-banner__text";
    const actions = document.createElement("div");
    actions.className = "draft-banner__actions";
    const restoreButton = button("Restore my draft");
    const discardButton = button("Discard it", "secondary");
    actions.append(restoreButton, discardButton);
    banner.append(text, actions);
    form.prepend(banner);

    // Filled after insertion, so that screen readers announce it as a status.
    text.textContent = `You have an unsent draft of this form from ${whenSaved(draft.savedAt)}.`;
    const base = form.elements.namedItem("base_revision");
    if (draft.baseRevision && base && String(base.value) !== String(draft.baseRevision)) {
      const note = document.createElement("p");
      note.className = "draft-banner__note";
      note.textContent =
        "The article has changed since. Your draft keeps the version you edited; " +
        "what was published since is merged when your proposal is reviewed.";
      banner.insertBefore(note, actions);
    }
    banner.focus();
    // A reload restores the scroll position after this runs; the banner must stay in view.
    window.addEventListener("load", () => {
      window.requestAnimationFrame(() => {
        const box = banner.getBoundingClientRect();
        if (!banner.isConnected || (box.top >= 0 && box.bottom <= window.innerHeight)) return;
        // With the page's heading if both fit, else the banner at the top.
        if (box.bottom + window.scrollY <= window.innerHeight) window.scrollTo(0, 0);
        else banner.scrollIntoView({ block: "start" });
      });
    });

    restoreButton.addEventListener("click", () => {
      onRestore();
      actions.remove();
      banner.querySelector(".draft-banner__note")?.remove();
      text.textContent = "Your draft is back in the form. Check it, then submit it.";
      banner.classList.add("draft-banner--done");
      banner.focus();
    });
    discardButton.addEventListener("click", () => {
      onDiscard();
      banner.remove();
      firstField(form)?.focus();
    });
  }

  function keep(form) {
    const key = form.dataset.draft || window.location.pathname + window.location.search;
    const served = values(form, { served: true });
    const saved = storage.get(key);
    // A preview or a refused submission serves the draft itself: unchanged, it is kept.
    const servedIsDraft = Boolean(saved && saved.values && same(saved.values, served));
    let offering = false;
    let timer = null;

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (offering) return; // the saved draft waits for the editor's choice
      const now = values(form);
      if (same(now, served)) {
        if (!servedIsDraft) storage.remove(key);
        return;
      }
      const base = form.elements.namedItem("base_revision");
      storage.set(key, {
        savedAt: Date.now(),
        baseRevision: base ? base.value : null,
        values: now,
      });
    }

    function later() {
      if (offering) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, SAVE_DELAY_MS);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // A submission or leaving the page must not outrun the debounce.
    form.addEventListener("submit", () => timer !== null && save());
    window.addEventListener("pagehide", () => timer !== null && save());

    if (saved && saved.values && !same(saved.values, values(form))) {
      offering = true;
      offer(form, saved, {
        onRestore() {
          restore(form, saved);
          offering = false;
          save();
        },
        onDiscard() {
          storage.remove(key);
          offering = false;
          save();
        },
      });
    }
  }

  storage.forgetOld();
  document.querySelectorAll("[data-draft-sent]").forEach((element) => {
    storage.remove(element.dataset.draftSent);
  });
  document.querySelectorAll("form[data-draft]").forEach(keep);
})();
