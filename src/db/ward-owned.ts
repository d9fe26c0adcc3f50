import type { Prisma } from './client.js';

/**
 * Which ward every row of every model belongs to: the one table the ward-scoped
 * access layer (src/db/scoped-client.ts) reads. The type makes it list every model
 * of the schema (a new model does not compile until it is classified here), and
 * tests/features/security/ward-scope.test.ts checks `refs` against
 * prisma/schema.prisma so a new foreign key to ward data cannot be forgotten.
 *
 * - `ward`: the row has its own `wardId`.
 * - `parent`: the row belongs to the ward of its parent (`fk` → `model`, reached
 *   through the relation field `relation`), e.g. a Comment to its Draft's ward.
 * - `ward-row`: the Ward table itself: readable from any ward (names of wards are
 *   public), writable only as the scope's own row, never read with its relations.
 * - `none`: rows that hold no ward data (sessions, limits, jobs, system state).
 *
 * `refs` are the other foreign keys to ward-owned rows: a write that sets one must
 * point into the scope's ward, so no row ever links to another ward's row — which
 * is also why relations read through `include`/`select` stay inside the ward.
 */
export type WardOwner = { kind: 'ward' } | { kind: 'parent'; relation: string; fk: string; model: Prisma.ModelName } | { kind: 'ward-row' } | { kind: 'none' };

export type WardOwnership = { owner: WardOwner; refs?: Record<string, Prisma.ModelName> };

const WARD = { kind: 'ward' } as const;
const NONE = { kind: 'none' } as const;
const parent = (relation: string, model: Prisma.ModelName): WardOwner => ({ kind: 'parent', relation, fk: `${relation}Id`, model });

export const WARD_OWNERSHIP: Record<Prisma.ModelName, WardOwnership> = {
  Ward: { owner: { kind: 'ward-row' } },
  Session: { owner: NONE },
  RateLimitCounter: { owner: NONE },
  JobLock: { owner: NONE },
  JobRun: { owner: NONE },
  SystemState: { owner: NONE },
  // The bytes of uploaded files (FILE_STORAGE=database), keyed by a random storage key: they are only
  // ever reached through a StoredFile row (or an issued document) that the ward's scope already checked.
  StoredBlob: { owner: NONE },
  StoredBlobChunk: { owner: NONE },

  Unit: { owner: WARD },
  User: { owner: WARD, refs: { unitId: 'Unit' } },
  // wardId is null for the province's own entries; in a ward's scope only the ward's entries exist.
  AuditLog: { owner: WARD, refs: { userId: 'User' } },
  StoredFile: {
    owner: WARD,
    refs: {
      uploadedById: 'User',
      progressReportId: 'ProgressReport',
      triggerId: 'TaskTrigger',
      draftId: 'Draft',
      documentId: 'IssuedDocument',
      intakeId: 'CommentIntake',
      obstacleId: 'Obstacle',
    },
  },
  StateChange: { owner: WARD },
  Plan: { owner: WARD },
  Draft: { owner: WARD, refs: { taskId: 'Task', triggerId: 'TaskTrigger', createdById: 'User' } },
  IssuedDocument: { owner: WARD, refs: { planId: 'Plan', issuedById: 'User', supersedesId: 'IssuedDocument' } },
  DocumentCounter: { owner: WARD },
  WardSuperior: { owner: WARD },
  OutgoingRegisterEntry: {
    owner: WARD,
    refs: { documentId: 'IssuedDocument', draftId: 'Draft', correctsEntryId: 'OutgoingRegisterEntry', enteredById: 'User' },
  },
  Subscription: { owner: WARD, refs: { draftId: 'Draft' } },

  PlanBasis: { owner: parent('plan', 'Plan') },
  PlanRecipient: { owner: parent('plan', 'Plan'), refs: { unitId: 'Unit' } },
  Task: { owner: parent('plan', 'Plan') },
  Obstacle: {
    owner: parent('plan', 'Plan'),
    refs: { taskId: 'Task', unitId: 'Unit', raisedById: 'User', forwardedById: 'User', answeredById: 'User' },
  },
  TaskUnit: { owner: parent('task', 'Task'), refs: { unitId: 'Unit' } },
  TaskTrigger: { owner: parent('task', 'Task'), refs: { recordedById: 'User' } },
  ProgressReport: { owner: parent('task', 'Task'), refs: { unitId: 'Unit', authorId: 'User', reviewedById: 'User' } },
  CommunicationActivity: {
    owner: parent('task', 'Task'),
    refs: { reportId: 'ProgressReport', unitId: 'Unit', draftId: 'Draft', plannedActivityId: 'PlannedActivity' },
  },
  BudgetEstimate: { owner: parent('task', 'Task'), refs: { unitId: 'Unit', submittedById: 'User', decidedById: 'User' } },
  PlannedActivity: { owner: parent('task', 'Task'), refs: { unitId: 'Unit', budgetEstimateId: 'BudgetEstimate' } },
  BudgetLine: { owner: parent('estimate', 'BudgetEstimate') },
  DraftVersion: { owner: parent('draft', 'Draft') },
  DraftSection: { owner: parent('version', 'DraftVersion') },
  Comment: {
    owner: parent('draft', 'Draft'),
    refs: {
      versionId: 'DraftVersion',
      sectionId: 'DraftSection',
      residentialGroupId: 'Unit',
      moderatedById: 'User',
      answerId: 'CommentAnswer',
      intakeId: 'CommentIntake',
      similarGroupId: 'CommentGroup',
    },
  },
  CommentIntake: { owner: parent('draft', 'Draft'), refs: { unitId: 'Unit', activityId: 'CommunicationActivity', recordedById: 'User' } },
  CommentGroup: { owner: parent('draft', 'Draft'), refs: { confirmedById: 'User' } },
  CommentAnswer: { owner: parent('draft', 'Draft'), refs: { answeredById: 'User' } },
};

/**
 * The condition "this row belongs to ward `wardId`" for a model, as a Prisma
 * `where`, following the parent chain (a DraftSection: its version's draft's ward);
 * null for models without ward data.
 */
export function wardCondition(model: Prisma.ModelName, wardId: string): Record<string, unknown> | null {
  const { owner } = WARD_OWNERSHIP[model];
  switch (owner.kind) {
    case 'ward':
      return { wardId };
    case 'ward-row':
      return { id: wardId };
    case 'parent':
      return { [owner.relation]: { is: wardCondition(owner.model, wardId) } };
    case 'none':
      return null;
  }
}
