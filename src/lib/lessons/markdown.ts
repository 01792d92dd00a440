import MarkdownIt from 'markdown-it';

/**
 * Raw HTML is off: a lesson's Markdown is escaped, never injected, so no lesson can put script
 * into the page; markdown-it's link validation already refuses `javascript:` and `data:` URLs.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderMarkdown(source: string): string {
  return md.render(source);
}

export { md as markdownParser };
