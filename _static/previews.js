/* Previews of the book's cross-references, in the HTML edition.
 *
 * A link in a page's text to a person in the glossary, or to a fact, shows
 * a preview when a reader points at it or tabs to it: the glossary's
 * definition, or the fact's label, title and lead. The previews come with the
 * book, in window.bookPreviews (_static/previews-data.js, written by
 * _ext/html_edition/previews.py): each preview once, and for each target (its
 * path from the book's root, with the fragment) the preview it shows.
 *
 * WCAG 2.2 SC 1.4.13, content on hover or focus: Escape dismisses a preview;
 * the pointer can move onto it (interactive); it stays until the pointer or
 * the focus leaves, or Escape, never on a timer. A touch screen shows no
 * preview: the first tap follows the link.
 *
 * tippy.js and Popper (vendored under _static/vendor/) load the first time a
 * reader points at or tabs to such a link, so a first view does not fetch them.
 */
"use strict";

(() => {
  const data = window.bookPreviews;
  if (!data) return;

  const root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  const previews = new Map(
    Object.entries(data.targets).map(([target, preview]) => [new URL(target, root).href, data.previews[preview]]),
  );
  // The page's own text: not its navigation, tables of contents or heading anchors.
  const previewOf = (link) =>
    link instanceof HTMLAnchorElement &&
    link.matches(".bd-article a.reference.internal[href]") &&
    !link.closest(".toctree-wrapper, .headerlink")
      ? previews.get(link.href)
      : undefined;
  const links = [...document.querySelectorAll(".bd-article a.reference.internal[href]")].filter(previewOf);
  if (!links.length) return;

  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Escape closes an open preview, wherever the focus is (tippy.js's documented plugin).
  const hideOnEscape = {
    name: "hideOnEscape",
    defaultValue: true,
    fn({ hide }) {
      const onKeyDown = (event) => {
        if (event.key === "Escape") hide();
      };
      return {
        onShow: () => document.addEventListener("keydown", onKeyDown),
        onHide: () => document.removeEventListener("keydown", onKeyDown),
      };
    },
  };

  const attach = () =>
    window.tippy(links, {
      content: (link) => previewOf(link),
      allowHTML: true, // the book's own HTML, written with it: text and emphasis only
      theme: "book",
      placement: "bottom-start",
      maxWidth: 420,
      arrow: false,
      offset: [0, 6],
      interactive: true, // the pointer can move onto the preview
      interactiveBorder: 8,
      appendTo: () => document.body,
      trigger: "mouseenter focus",
      hideOnClick: false,
      touch: false, // no preview on a touch screen: a tap follows the link
      delay: [150, 0],
      duration: reducedMotion ? 0 : [150, 100],
      aria: { content: "describedby", expanded: false },
      plugins: [hideOnEscape],
    });

  const load = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(src, root).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });

  let ready = null;
  const libraries = () =>
    (ready ??= data.libraries
      .reduce((loaded, src) => loaded.then(() => load(src)), Promise.resolve())
      .then(() => {
        attach();
        document.removeEventListener("pointerover", wake);
        document.removeEventListener("focusin", wake);
      }));

  // The first pointer or keyboard focus on a link with a preview loads the
  // libraries, then shows its preview if the reader is still there.
  const wake = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || !previewOf(link)) return;
    if (event.type === "pointerover" && event.pointerType === "touch") return;
    if (event.type === "focusin" && !link.matches(":focus-visible")) return;
    libraries().then(() => {
      const still = link.matches(":hover") || (link === document.activeElement && link.matches(":focus-visible"));
      if (still && link._tippy) link._tippy.show();
    });
  };
  document.addEventListener("pointerover", wake);
  document.addEventListener("focusin", wake);
})();
