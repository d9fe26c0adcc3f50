import MarkdownIt from 'markdown-it';

/**
 * Markdown for text officers write (draft articles, plan sections). Raw HTML is
 * off, so `<script>` and friends are shown as text; markdown-it also refuses
 * javascript: and data: links. Output is safe to print with `<%-`.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

// Links written by officers open normally but never pass our page as referrer.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// The same article text is rendered on every view of a draft page: keep the HTML of recent texts
// (keyed by the text itself, so an edit is simply a new key). Bounded: the oldest entry goes first.
const rendered = new Map<string, string>();
const CACHE_ENTRIES = 2000;

export function renderMarkdown(text: string | null | undefined): string {
  const source = text ?? '';
  let html = rendered.get(source);
  if (html === undefined) {
    html = md.render(source);
    const oldest = rendered.keys().next();
    if (rendered.size >= CACHE_ENTRIES && !oldest.done) rendered.delete(oldest.value);
    rendered.set(source, html);
  }
  return html;
}
