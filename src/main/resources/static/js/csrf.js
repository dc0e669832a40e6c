// The CSRF token of the page, sent with every request that changes something: htmx's requests get
// it as a header, page scripts call verityCsrf() for theirs. Loaded without defer, before htmx.
(() => {
  const meta = (name) => document.querySelector('meta[name="' + name + '"]');
  window.verityCsrf = () => {
    const header = meta("csrf-header");
    const token = meta("csrf-token");
    return header && token ? {[header.content]: token.content} : {};
  };
  document.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.verb !== "get") Object.assign(event.detail.headers, window.verityCsrf());
  });
})();
