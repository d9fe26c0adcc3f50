/**
 * A second ward (B) in the test database with one record of every kind a route can
 * name by id: a unit and an officer, a plan with a task, a report, a budget estimate,
 * an obstacle, a triggering document, a draft open for comment with a version, an
 * article, a published comment, an answer and a group, an issued document and a file
 * on disk. Every text holds MARKER, so a page that shows any of it is caught.
 * Made with the raw client (fixtures run outside any ward scope).
 */
import type { TestApp } from './test-app.js';

export const MARKER = 'BIMATPHUONGB';

export type SecondWard = {
  wardId: string;
  /** Route parameter → B's id for it (same names as the every-route table; `:id` of the register is registerEntryId). */
  ids: Record<string, string>;
};

export async function createSecondWard(t: TestApp, slug = 'phuong-b'): Promise<SecondWard> {
  const db = t.db;
  const now = t.clock.now();
  const later = new Date(now.getTime() + 20 * 86_400_000);
  const earlier = new Date(now.getTime() - 5 * 86_400_000);
  const text = (what: string) => `${what} ${MARKER}`;
  const ward = await db.ward.create({
    data: { slug, name: `Phường ${MARKER}`, placeName: MARKER, committeeName: `UBND phường ${MARKER}`, parentBodyName: 'UBND tỉnh Quảng Ngãi' },
  });
  const wardId = ward.id;
  const unit = await db.unit.create({ data: { wardId, name: text('Tổ dân phố'), kind: 'RESIDENTIAL_GROUP' } });
  const user = await db.user.create({
    data: { wardId, unitId: unit.id, username: `canbo-${slug}`, fullName: text('Cán bộ'), role: 'UNIT', passwordHash: 'x' },
  });
  const plan = await db.plan.create({
    data: {
      wardId,
      year: 2025,
      title: text('Kế hoạch'),
      issuingBody: MARKER,
      parentBody: MARKER,
      place: MARKER,
      signerName: MARKER,
      preamble: MARKER,
      purpose: MARKER,
      requirements: MARKER,
      implementation: MARKER,
      funding: MARKER,
      published: true,
    },
  });
  const task = await db.task.create({
    data: {
      planId: plan.id,
      ordinal: 1,
      content: text('Nhiệm vụ'),
      timeframeKind: 'DATE_RANGE',
      timeframeText: MARKER,
      dueOn: later,
      units: { create: [{ unitId: unit.id, role: 'LEAD' }] },
    },
  });
  const trigger = await db.taskTrigger.create({
    data: { taskId: task.id, documentNumber: text('Số'), issuedOn: earlier, issuer: MARKER, receivedOn: earlier, recordedById: user.id },
  });
  const report = await db.progressReport.create({
    data: { taskId: task.id, unitId: unit.id, authorId: user.id, reportedOn: earlier, summary: text('Báo cáo'), progressPercent: 40 },
  });
  const estimate = await db.budgetEstimate.create({
    data: {
      taskId: task.id,
      unitId: unit.id,
      submittedById: user.id,
      title: text('Dự toán'),
      legalBasis: MARKER,
      requestedVnd: 1_000_000,
      lines: { create: [{ sortOrder: 1, description: MARKER, quantity: 1, unitPrice: 1_000_000, amount: 1_000_000 }] },
    },
  });
  const obstacle = await db.obstacle.create({
    data: { planId: plan.id, taskId: task.id, unitId: unit.id, raisedById: user.id, title: text('Khó khăn'), description: MARKER },
  });
  const draft = await db.draft.create({
    data: {
      wardId,
      title: text('Dự thảo'),
      documentType: 'WARD_RESOLUTION',
      draftingAgency: MARKER,
      field: 'Đất đai',
      summary: MARKER,
      opensAt: earlier,
      closesAt: later,
      state: 'PUBLISHED',
      taskId: task.id,
      searchText: MARKER.toLowerCase(),
    },
  });
  const version = await db.draftVersion.create({ data: { draftId: draft.id, number: 1, publishedAt: earlier } });
  const section = await db.draftSection.create({
    data: { versionId: version.id, sortOrder: 1, kind: 'ARTICLE', key: 'dieu-1', label: 'Điều 1', heading: MARKER, body: text('Nội dung') },
  });
  const answer = await db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: text('Giải trình'), answeredById: user.id } });
  const group = await db.commentGroup.create({ data: { draftId: draft.id, confirmedById: user.id } });
  const comment = await db.comment.create({
    data: {
      draftId: draft.id,
      versionId: version.id,
      sectionId: section.id,
      receiptCode: 'GY-BMPB-PHGB',
      respondentType: 'INDIVIDUAL',
      authorName: text('Người góp ý'),
      isAnonymous: false,
      email: 'nguoi-b@example.vn',
      body: text('Góp ý'),
      status: 'PUBLISHED',
      answerId: answer.id,
      similarGroupId: group.id,
      residentialGroupId: unit.id,
    },
  });
  const document = await db.issuedDocument.create({
    data: { wardId, planId: plan.id, kind: 'RESULTS_REPORT', symbol: 'BC-UBND', title: text('Báo cáo kết quả'), year: 2025 },
  });
  const entry = await db.outgoingRegisterEntry.create({
    data: {
      wardId,
      year: 2025,
      sequenceKey: 'BC-UBND',
      number: 1,
      symbol: 'BC-UBND',
      documentType: 'Báo cáo',
      summary: text('Trích yếu'),
      signedBy: MARKER,
      issuedOn: earlier,
    },
  });
  const key = await t.ctx.files.save(Buffer.from(`%PDF-1.4\n${MARKER}\n%%EOF\n`));
  const file = await db.storedFile.create({
    data: {
      wardId,
      storageKey: key,
      originalName: `${MARKER}.pdf`,
      mimeType: 'application/pdf',
      sizeBytes: 30,
      sha256: 'x',
      kind: 'EVIDENCE',
      progressReportId: report.id,
    },
  });
  return {
    wardId,
    ids: {
      planId: plan.id,
      taskId: task.id,
      triggerId: trigger.id,
      fileId: file.id,
      userId: user.id,
      unitId: unit.id,
      reportId: report.id,
      estimateId: estimate.id,
      obstacleId: obstacle.id,
      draftId: draft.id,
      versionId: version.id,
      sectionId: section.id,
      commentId: comment.id,
      answerId: answer.id,
      groupId: group.id,
      id: document.id,
      code: comment.receiptCode,
      registerEntryId: entry.id,
    },
  };
}
