import MarkdownIt from 'markdown-it';

/**
 * Article bodies are Markdown written by agents and read by anyone (help centre, portal). markdown-it
 * with `html: false` escapes raw HTML instead of passing it through, so `<script>` or an `onerror`
 * attribute comes out as text; links and images keep only web, mail and same-site addresses
 * (its default lets `data:` images through).
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_URL.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  // Links to other sites open apart and pass no referrer or window handle to them.
  if (token && /^https?:/i.test(token.attrGet('href') ?? '')) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** An article's Markdown as HTML that is safe to put in a page as is. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** The words of an article without its markup, for excerpts and for inserting into a reply. */
export function markdownToText(markdown: string): string {
  return md
    .render(markdown)
    .replace(/<\/(p|h[1-6]|li|blockquote|pre|tr)>/g, '\n')
    .replace(/<br>\n?/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
