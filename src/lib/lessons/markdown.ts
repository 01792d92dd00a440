import MarkdownIt from 'markdown-it';

/**
 * Raw HTML is off: a lesson's Markdown is escaped, never injected, so no lesson can put script
 * into the page. markdown-it's `validateLink` already refuses `javascript:`, `vbscript:`, `file:`
 * and non-image `data:` URLs.
 */
export const markdownParser = new MarkdownIt({ html: false, linkify: true, typographer: true });

export type MarkdownToken = ReturnType<typeof markdownParser.parse>[number];

export function renderMarkdown(source: string): string {
  return markdownParser.render(source);
}

/** Renders a run of block tokens (the prose between two notebook blocks). */
export function renderTokens(tokens: MarkdownToken[]): string {
  return markdownParser.renderer.render(tokens, markdownParser.options, {});
}
