/**
 * RSS 2.0 and Atom feeds, built by xmlbuilder2, which escapes every text node (no CDATA, so a
 * "]]>" in a title cannot end one early); characters XML 1.0 forbids (control characters) are
 * dropped, and plain-text summaries are declared as text, not HTML. Used by a ward's draft feeds
 * and the province's.
 */
import { create } from 'xmlbuilder2';

/** Characters XML 1.0 does not allow, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const xmlText = (s: string) => s.replace(NOT_XML, '');

export type FeedItem = { title: string; url: string; date: Date; description: string; author?: string };
export type FeedMeta = {
  title: string;
  description: string;
  updated: Date;
  /** The page the feed stands for (the channel's link, the Atom id). */
  link: string;
  rssSelf: string;
  atomSelf: string;
  author: { name: string; uri: string };
  /** Copyright / rights line, when there is one. */
  rights?: string;
};
export type Feed = { rss2: () => string; atom1: () => string };

export function buildFeed(meta: FeedMeta, items: FeedItem[]): Feed {
  return {
    rss2: () => {
      const channel = create({ version: '1.0', encoding: 'utf-8' }).ele('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' }).ele('channel');
      channel.ele('title').txt(xmlText(meta.title));
      channel.ele('link').txt(meta.link);
      channel.ele('description').txt(xmlText(meta.description));
      channel.ele('lastBuildDate').txt(meta.updated.toUTCString());
      channel.ele('language').txt('vi');
      if (meta.rights) channel.ele('copyright').txt(xmlText(meta.rights));
      channel.ele('atom:link', { href: meta.rssSelf, rel: 'self', type: 'application/rss+xml' });
      for (const item of items) {
        const el = channel.ele('item');
        el.ele('title').txt(xmlText(item.title));
        el.ele('link').txt(item.url);
        el.ele('guid', { isPermaLink: 'true' }).txt(item.url);
        el.ele('pubDate').txt(item.date.toUTCString());
        // RSS 2.0 descriptions are HTML by definition: the escaped plain text reads the same.
        el.ele('description').txt(xmlText(item.description));
      }
      return channel.end({ prettyPrint: true });
    },
    atom1: () => {
      const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'vi' });
      feed.ele('id').txt(meta.link);
      feed.ele('title', { type: 'text' }).txt(xmlText(meta.title));
      feed.ele('subtitle', { type: 'text' }).txt(xmlText(meta.description));
      feed.ele('updated').txt(meta.updated.toISOString());
      feed.ele('link', { href: meta.link });
      feed.ele('link', { rel: 'self', href: meta.atomSelf });
      if (meta.rights) feed.ele('rights', { type: 'text' }).txt(xmlText(meta.rights));
      feed.ele('author').ele('name').txt(xmlText(meta.author.name)).up().ele('uri').txt(meta.author.uri);
      for (const item of items) {
        const entry = feed.ele('entry');
        entry.ele('title', { type: 'text' }).txt(xmlText(item.title));
        entry.ele('id').txt(item.url);
        entry.ele('link', { href: item.url });
        entry.ele('updated').txt(item.date.toISOString());
        entry.ele('published').txt(item.date.toISOString());
        if (item.author) entry.ele('author').ele('name').txt(xmlText(item.author));
        entry.ele('summary', { type: 'text' }).txt(xmlText(item.description));
      }
      return feed.end({ prettyPrint: true });
    },
  };
}
