// The account page: copy a new API key (shown once) to the clipboard.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-key");
  if (!button) return;
  const key = document.getElementById(button.dataset.target);
  if (key) navigator.clipboard.writeText(key.textContent.trim()).then(() => { button.textContent = "Copied"; });
});
