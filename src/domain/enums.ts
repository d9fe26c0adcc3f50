/**
 * The fixed vocabularies of the portal, with their Vietnamese labels.
 * Stored as strings in the database (SQLite has no enums); zod schemas use these lists.
 */
export const ROLES = ['ADMIN', 'JUSTICE', 'UNIT', 'CHAIRMAN'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Quản trị hệ thống',
  JUSTICE: 'Công chức Tư pháp – Hộ tịch',
  UNIT: 'Cán bộ đơn vị',
  CHAIRMAN: 'Chủ tịch UBND phường',
};

/**
 * The province's own accounts (User.wardId null). Kept apart from ROLES so that no
 * ward form (units, officer accounts) can ever give a ward officer a province role.
 */
export const PROVINCE_ROLES = ['SUPERADMIN', 'PROVINCE_REVIEWER'] as const;
export type ProvinceRole = (typeof PROVINCE_ROLES)[number];
export const PROVINCE_ROLE_LABELS: Record<ProvinceRole, string> = {
  SUPERADMIN: 'Quản trị hệ thống cấp tỉnh',
  PROVINCE_REVIEWER: 'Sở Tư pháp (theo dõi, chỉ xem)',
};

export const UNIT_KINDS = ['COMMITTEE', 'SPECIALIST', 'PARTY', 'COUNCIL', 'FRONT', 'ORGANISATION', 'RESIDENTIAL_GROUP', 'EXTERNAL'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  COMMITTEE: 'UBND phường',
  SPECIALIST: 'Công chức chuyên môn',
  PARTY: 'Đảng ủy',
  COUNCIL: 'Hội đồng nhân dân',
  FRONT: 'Mặt trận Tổ quốc',
  ORGANISATION: 'Tổ chức chính trị - xã hội',
  RESIDENTIAL_GROUP: 'Tổ dân phố',
  EXTERNAL: 'Cơ quan cấp trên / bên ngoài',
};

export const TIMEFRAME_KINDS = ['DATE_RANGE', 'ONGOING', 'TRIGGERED'] as const;
export type TimeframeKind = (typeof TIMEFRAME_KINDS)[number];
export const TIMEFRAME_KIND_LABELS: Record<TimeframeKind, string> = {
  DATE_RANGE: 'Theo thời hạn',
  ONGOING: 'Thường xuyên trong năm',
  TRIGGERED: 'Khi có văn bản chỉ đạo / đề nghị',
};

/** Stored statuses. OVERDUE and WAITING_TRIGGER are derived (see plans/task-status.ts). */
export const TASK_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type EffectiveTaskStatus = TaskStatus | 'OVERDUE' | 'WAITING_TRIGGER';
export const TASK_STATUS_LABELS: Record<EffectiveTaskStatus, string> = {
  NOT_STARTED: 'Chưa thực hiện',
  IN_PROGRESS: 'Đang thực hiện',
  DONE: 'Hoàn thành',
  BLOCKED: 'Vướng mắc',
  OVERDUE: 'Quá hạn',
  WAITING_TRIGGER: 'Chờ văn bản chỉ đạo',
};

export const TASK_UNIT_ROLES = ['LEAD', 'COORDINATE'] as const;
export type TaskUnitRole = (typeof TASK_UNIT_ROLES)[number];

export const CHANNELS = ['PORTAL', 'LOUDSPEAKER', 'NOTICE_BOARD', 'MEETING', 'LEAFLET', 'SOCIAL', 'PRESS'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  PORTAL: 'Trang thông tin điện tử',
  LOUDSPEAKER: 'Loa truyền thanh',
  NOTICE_BOARD: 'Bảng tin',
  MEETING: 'Hội nghị, họp dân',
  LEAFLET: 'Tờ rơi, tài liệu',
  SOCIAL: 'Mạng xã hội',
  PRESS: 'Báo chí',
};

export const REPORT_STATUSES = ['SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  SUBMITTED: 'Chờ xem xét',
  ACCEPTED: 'Đã chấp nhận',
  RETURNED: 'Trả lại',
};

export const BUDGET_STATUSES = ['SUBMITTED', 'APPROVED', 'ADJUSTED', 'REJECTED'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];
export const BUDGET_STATUS_LABELS: Record<BudgetStatus, string> = {
  SUBMITTED: 'Chờ phê duyệt',
  APPROVED: 'Đã phê duyệt',
  ADJUSTED: 'Phê duyệt có điều chỉnh',
  REJECTED: 'Không phê duyệt',
};

export const OBSTACLE_STATUSES = ['OPEN', 'FORWARDED', 'ANSWERED', 'CLOSED'] as const;
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];
export const OBSTACLE_STATUS_LABELS: Record<ObstacleStatus, string> = {
  OPEN: 'Mới phản ánh',
  FORWARDED: 'Đã chuyển Chủ tịch',
  ANSWERED: 'Đã có ý kiến chỉ đạo',
  CLOSED: 'Đã đóng',
};
export const OBSTACLE_RESPONSE_KINDS = ['GUIDANCE', 'DECISION'] as const;
export const OBSTACLE_RESPONSE_LABELS: Record<(typeof OBSTACLE_RESPONSE_KINDS)[number], string> = {
  GUIDANCE: 'Hướng dẫn',
  DECISION: 'Quyết định giải quyết',
};

export const DRAFT_DOCUMENT_TYPES = [
  'LAW',
  'NA_RESOLUTION',
  'DECREE',
  'PROVINCIAL_RESOLUTION',
  'PROVINCIAL_DECISION',
  'WARD_RESOLUTION',
  'WARD_DECISION',
  'OTHER',
] as const;
export type DraftDocumentType = (typeof DRAFT_DOCUMENT_TYPES)[number];
export const DRAFT_DOCUMENT_TYPE_LABELS: Record<DraftDocumentType, string> = {
  LAW: 'Luật',
  NA_RESOLUTION: 'Nghị quyết của Quốc hội',
  DECREE: 'Nghị định của Chính phủ',
  PROVINCIAL_RESOLUTION: 'Nghị quyết của HĐND tỉnh',
  PROVINCIAL_DECISION: 'Quyết định của UBND tỉnh',
  WARD_RESOLUTION: 'Nghị quyết của HĐND phường',
  WARD_DECISION: 'Quyết định của UBND phường',
  OTHER: 'Văn bản khác',
};

/** Stored draft states; "upcoming" and "open" derive from the dates of a PUBLISHED draft. */
export const DRAFT_STATES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'ANSWERED'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];
export type EffectiveDraftStatus = 'DRAFT' | 'UPCOMING' | 'OPEN' | 'CLOSED' | 'ANSWERED';
export const DRAFT_STATUS_LABELS: Record<EffectiveDraftStatus, string> = {
  DRAFT: 'Đang soạn',
  UPCOMING: 'Sắp lấy ý kiến',
  OPEN: 'Đang lấy ý kiến',
  CLOSED: 'Đã hết hạn góp ý',
  ANSWERED: 'Đã công bố tiếp thu, giải trình',
};

export const ATTACHMENT_KINDS = ['DRAFT_TEXT', 'SUBMISSION', 'IMPACT_ASSESSMENT', 'OTHER'] as const;
export const ATTACHMENT_KIND_LABELS: Record<(typeof ATTACHMENT_KINDS)[number], string> = {
  DRAFT_TEXT: 'Dự thảo văn bản',
  SUBMISSION: 'Tờ trình',
  IMPACT_ASSESSMENT: 'Báo cáo đánh giá tác động',
  OTHER: 'Tài liệu khác',
};

export const SECTION_KINDS = ['PREAMBLE', 'CHAPTER', 'SECTION', 'ARTICLE'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const RESPONDENT_TYPES = ['INDIVIDUAL', 'ORGANISATION', 'BUSINESS'] as const;
export const RESPONDENT_TYPE_LABELS: Record<(typeof RESPONDENT_TYPES)[number], string> = {
  INDIVIDUAL: 'Cá nhân',
  ORGANISATION: 'Cơ quan, tổ chức',
  BUSINESS: 'Doanh nghiệp',
};

export const COMMENT_STATUSES = ['PENDING', 'PUBLISHED', 'HIDDEN'] as const;
export const COMMENT_STATUS_LABELS: Record<(typeof COMMENT_STATUSES)[number], string> = {
  PENDING: 'Chờ kiểm duyệt',
  PUBLISHED: 'Đã công khai',
  HIDDEN: 'Không công khai',
};
export const HIDDEN_REASONS = ['SPAM', 'ABUSIVE', 'OFF_TOPIC', 'PERSONAL_DATA'] as const;
export const HIDDEN_REASON_LABELS: Record<(typeof HIDDEN_REASONS)[number], string> = {
  SPAM: 'Thư rác, quảng cáo',
  ABUSIVE: 'Ngôn từ xúc phạm',
  OFF_TOPIC: 'Không liên quan đến dự thảo',
  PERSONAL_DATA: 'Chứa thông tin cá nhân',
};
export const ANSWER_OUTCOMES = ['ACCEPTED', 'PARTLY_ACCEPTED', 'EXPLAINED'] as const;
export const ANSWER_OUTCOME_LABELS: Record<(typeof ANSWER_OUTCOMES)[number], string> = {
  ACCEPTED: 'Tiếp thu',
  PARTLY_ACCEPTED: 'Tiếp thu một phần',
  EXPLAINED: 'Giải trình',
};

export const DOCUMENT_KINDS = ['PLAN', 'RESULTS_REPORT'] as const;
export const DOCUMENT_KIND_LABELS: Record<(typeof DOCUMENT_KINDS)[number], string> = {
  PLAN: 'Kế hoạch',
  RESULTS_REPORT: 'Báo cáo kết quả thực hiện',
};

/** How a comment reached the ward: on the portal, or recorded by an officer from off-line. */
export const COMMENT_CHANNELS = ['ONLINE', 'MEETING', 'WRITTEN', 'PHONE', 'FORWARDED'] as const;
export type CommentChannel = (typeof COMMENT_CHANNELS)[number];
export const OFFLINE_CHANNELS = ['MEETING', 'WRITTEN', 'PHONE', 'FORWARDED'] as const;
export const COMMENT_CHANNEL_LABELS: Record<CommentChannel, string> = {
  ONLINE: 'Trực tuyến trên cổng',
  MEETING: 'Tại hội nghị, cuộc họp',
  WRITTEN: 'Bằng văn bản',
  PHONE: 'Qua điện thoại',
  FORWARDED: 'Do MTTQ, tổ chức khác chuyển đến',
};
