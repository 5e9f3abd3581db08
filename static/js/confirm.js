// Forms that ask before they post: <form data-confirm="Question?"> is sent only when the
// person answers OK. A listener here, because the site's CSP refuses inline onsubmit=.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
