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

// an escalation starts the answer again: the first model's streamed text is discarded
document.addEventListener("htmx:sseBeforeMessage", (event) => {
  if (event.detail.type !== "escalating") return;
  const turn = event.target.closest(".turn");
  const streaming = turn && turn.querySelector(".streaming");
  if (streaming) streaming.textContent = "";
});

// a cited passage opened beside the answer is scrolled into view
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target && event.detail.target.id === "source") {
    const cited = document.getElementById("cited");
    if (cited) cited.scrollIntoView({block: "center"});
  }
});

// copy an answer with its citations as plain text: [n] markers in the text, then the sources
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const answer = button.closest(".final").querySelector(".answer").cloneNode(true);
  const sources = new Map();
  answer.querySelectorAll("button.chip").forEach((chip) => {
    sources.set(chip.dataset.n, chip.title);
    chip.replaceWith("[" + chip.dataset.n + "]");
  });
  const lines = [...sources].sort((a, b) => a[0] - b[0]).map(([n, source]) => "[" + n + "] " + source);
  const text = answer.innerText.replace(/\n{3,}/g, "\n\n").trim()
      + (lines.length ? "\n\nSources:\n" + lines.join("\n") : "");
  navigator.clipboard.writeText(text).then(() => { button.textContent = "Copied"; });
});
