/**
 * renderDocx without loading the docx library at start: the layout (docx-layout.ts) and the
 * library are imported with the first document asked for. Every other page of the portal
 * then runs without them in memory (issue 10: idle memory of the production server).
 */
import type { DocumentModel } from './document-model.js';

export async function renderDocx(model: DocumentModel, meta: { creator: string; title: string }): Promise<Buffer> {
  const layout = await import('./docx-layout.js');
  return layout.renderDocx(model, meta);
}
