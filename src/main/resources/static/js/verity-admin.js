// Uploads for the documents page: each file goes to the same REST endpoint the API offers, one
// request per file so each shows its own progress and result.
document.addEventListener("DOMContentLoaded", () => {
  const zone = document.getElementById("dropzone");
  if (!zone) return;
  const input = document.getElementById("files");
  const list = document.getElementById("uploads");
  const collection = zone.dataset.collection;

  const upload = (file) => {
    const item = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Upload of " + file.name);
    const result = document.createElement("span");
    result.className = "result";
    item.append(name, bar, result);
    list.prepend(item);

    const form = new FormData();
    form.append("files", file, file.name);
    const groups = document.getElementById("upload-groups");
    if (groups && groups.value.trim() !== "") form.append("accessGroups", groups.value);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/collections/" + encodeURIComponent(collection) + "/documents");
    Object.entries(window.verityCsrf()).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
    });
    request.addEventListener("load", () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch (ignored) { /* not JSON */ }
      if (request.status === 202 && Array.isArray(body)) {
        bar.value = 100;
        const entry = body[0];
        result.textContent = entry.duplicateOf ? "already there (same content)" : entry.status.toLowerCase();
        result.classList.add("ok");
      } else {
        result.textContent = body && body.detail ? body.detail : "upload failed (" + request.status + ")";
        result.classList.add("failed");
        item.setAttribute("role", "alert");
      }
      htmx.trigger("#documents-table", "refresh");
    });
    request.addEventListener("error", () => {
      result.textContent = "the connection broke off; try again";
      result.classList.add("failed");
    });
    request.send(form);
  };

  input.addEventListener("change", () => { [...input.files].forEach(upload); input.value = ""; });
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (e) => {
    e.preventDefault(); zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, (e) => {
    e.preventDefault(); zone.classList.remove("over");
  }));
  zone.addEventListener("drop", (e) => [...e.dataTransfer.files].forEach(upload));
});
