/**
 * How a commenter is named and placed, in public and for officers. Apart from comments.public.ts
 * because the export worker (comments.export-worker.ts) formats rows with it and must not load
 * Prisma's client: plain functions of plain values.
 */

export const ANONYMOUS_NAME = 'Người góp ý ẩn danh';

/** The name shown in public: nothing when the commenter chose to be anonymous. */
export function publicDisplayName(c: { isAnonymous: boolean; authorName: string; organisationName?: string; respondentType: string }): string {
  if (c.isAnonymous) return ANONYMOUS_NAME;
  const org = c.respondentType !== 'INDIVIDUAL' ? (c.organisationName ?? '') : '';
  if (org && c.authorName) return `${c.authorName} (${org})`;
  return org || c.authorName || ANONYMOUS_NAME;
}

/** What the public sees for "where from" when the commenter did not pick one of the ward's groups. */
export const OTHER_RESIDENCE_LABEL = 'Khác';

/**
 * The one public "where from": the residential group's name, or "Khác". The free text
 * typed under "Khác" (Comment.residentialOther) can identify a person, so it is for
 * officers only and this function does not even take it.
 */
export function publicResidence(c: { residentialGroup: { name: string } | null }): string {
  return c.residentialGroup?.name ?? OTHER_RESIDENCE_LABEL;
}

/** Officers' lists and exports: the group, or "Khác: <free text>". Never on a public output. */
export function officerResidence(c: { residentialGroup: { name: string } | null; residentialOther: string }): string {
  if (c.residentialGroup) return c.residentialGroup.name;
  return c.residentialOther ? `${OTHER_RESIDENCE_LABEL}: ${c.residentialOther}` : OTHER_RESIDENCE_LABEL;
}
