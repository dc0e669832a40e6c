// Verity's page behaviour, kept out of the HTML so the Content-Security-Policy can forbid inline script.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("ask");
  const question = document.getElementById("question");
  if (question) {
    // Enter sends, Shift+Enter starts a new line
    question.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (question.value.trim() !== "") form.requestSubmit();
      }
    });
  }
  if (form) {
    form.addEventListener("htmx:afterRequest", () => { question.value = ""; question.focus(); });
  }
});

// a cited passage opened beside the answer is scrolled into view
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target && event.detail.target.id === "source") {
    const cited = document.getElementById("cited");
    if (cited) cited.scrollIntoView({block: "center"});
  }
});

// copy an answer with its citations as plain text
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const final = button.closest(".final");
  const answer = final.querySelector(".answer");
  const text = answer.innerText.replace(/\n{3,}/g, "\n\n");
  navigator.clipboard.writeText(text).then(() => { button.textContent = "Copied"; });
});
