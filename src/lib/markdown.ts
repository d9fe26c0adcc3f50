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

export function renderMarkdown(text: string | null | undefined): string {
  return md.render(text ?? '');
}
