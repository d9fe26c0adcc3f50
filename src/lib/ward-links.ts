/**
 * A ward's pages are written with the short, root-relative URLs of a one-ward
 * deployment ("/du-thao/12", "/can-bo"). When a ward is reached under its path
 * prefix ("/phuong/nghia-lo"), those URLs are moved inside the prefix here, in
 * one place — every redirect (res.location) and every rendered page
 * (res.render) — instead of in each of the ~250 links of the templates and handlers.
 *
 * Left alone: URLs already inside a ward's prefix or another ward's
 * ("/phuong/…"), the province's pages ("/tinh…"), shared static files
 * ("/static/…"), the health check, protocol-relative and absolute URLs.
 */
const SHARED_PATHS = /^\/(?:static|tinh|phuong|healthz)(?:[/?#]|$)/;

/** "/du-thao/1?x" → "/phuong/nghia-lo/du-thao/1?x" (and "/" → "/phuong/nghia-lo/"). */
export function wardPath(base: string, url: string): string {
  if (!base || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\') || SHARED_PATHS.test(url)) return url;
  return `${base}${url}`;
}

/**
 * Attributes whose value is a URL the browser follows or submits to, when that URL is
 * root-relative and not shared (the same rule as wardPath). Only attribute values the
 * templates wrote are matched: text a user typed is escaped by EJS (`"` → `&#34;`), so it
 * can never look like `href="/…"`. One pass with a constant replacement, no callback:
 * a 500 KB page with 3,300 links takes a few milliseconds.
 */
const URL_ATTRIBUTE = /(\s(?:href|src|action|formaction|poster|data-href|data-url)=["'])\/(?![/\\]|(?:static|tinh|phuong|healthz)(?:[/?#"']|$))/g;

export function wardHtml(base: string, html: string): string {
  if (!base) return html;
  return html.replace(URL_ATTRIBUTE, `$1${base}/`);
}

/** The scheme and port of BASE_URL with the ward's own host name: "https://phuongtqt.quangngai.gov.vn". */
export function hostUrl(baseUrl: string, hostName: string): string {
  const base = new URL(baseUrl);
  return `${base.protocol}//${hostName}${base.port ? `:${base.port}` : ''}`;
}

/**
 * The ward's public address where no request says how it was reached (e-mails,
 * scheduled jobs): the deployment's own ward at BASE_URL, a ward with a host
 * name at that host, any other at BASE_URL/phuong/<slug>. No trailing slash.
 */
export function wardPublicUrl(config: { baseUrl: string; wardSlug: string }, ward: { slug: string; hostName?: string | null }): string {
  const base = config.baseUrl.replace(/\/$/, '');
  if (ward.hostName) return hostUrl(base, ward.hostName);
  if (ward.slug === config.wardSlug) return base;
  return `${base}/phuong/${ward.slug}`;
}

/** The sender's name of the ward's e-mails: "Phường Nghĩa Lộ" → "UBND phường Nghĩa Lộ". */
export function wardMailName(ward: { name: string }): string {
  return `UBND ${ward.name.charAt(0).toLowerCase()}${ward.name.slice(1)}`;
}
