// "Add a field / section / reference" for Django formsets: clone the empty form,
// number it, and count it in TOTAL_FORMS. Without JavaScript one blank row remains.
document.querySelectorAll("[data-formset-add]").forEach((button) => {
  const prefix = button.dataset.formsetAdd;
  const template = document.querySelector(`[data-formset-template="${prefix}"]`);
  const body = document.querySelector(`[data-formset="${prefix}"] [data-formset-body]`);
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = body.lastElementChild;
    const first = added && added.querySelector("input:not([type=hidden]), textarea");
    if (first) first.focus();
  });
});
