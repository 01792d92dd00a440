import DOMPurify from 'dompurify';

/**
 * Cell outputs are produced by code (the student's or a lesson's setup cell), so any HTML or SVG
 * they carry is sanitised before it touches the page: no script, no event handlers.
 */
export function sanitizeOutputHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, svg: true, svgFilters: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'],
  });
}
