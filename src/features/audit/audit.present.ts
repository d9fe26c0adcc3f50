/**
 * The audit log as people read it: what was done and to what in Vietnamese,
 * field by field (only what changed), values in local time and with their
 * labels, internal ids replaced by names or left out. The stored JSON stays as
 * it was written; this is only how it is shown.
 */
import * as enums from '../../domain/enums.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';

export const ENTITY_LABELS: Record<string, string> = {
  BudgetEstimate: 'Dự toán kinh phí',
  Comment: 'Ý kiến góp ý',
  CommentAnswer: 'Trả lời ý kiến',
  Draft: 'Dự thảo',
  DraftVersion: 'Phiên bản dự thảo',
  IssuedDocument: 'Văn bản',
  Obstacle: 'Khó khăn, vướng mắc',
  Plan: 'Kế hoạch',
  ProgressReport: 'Báo cáo tiến độ',
  StoredFile: 'Tệp đính kèm',
  Task: 'Nhiệm vụ',
  TaskTrigger: 'Văn bản kích hoạt nhiệm vụ',
  Unit: 'Đơn vị',
  User: 'Tài khoản cán bộ',
  Ward: 'Phường, xã',
};

const ACTION_LABELS: Record<string, string> = {
  'budget.submit': 'Gửi dự toán',
  'budget.approved': 'Duyệt dự toán',
  'budget.adjusted': 'Duyệt dự toán có điều chỉnh',
  'budget.rejected': 'Không duyệt dự toán',
  'comment.answer': 'Trả lời ý kiến',
  'comment.answer.update': 'Sửa câu trả lời',
  'comment.hide': 'Ẩn ý kiến',
  'comment.publish': 'Công khai ý kiến',
  'document.correct': 'Lập văn bản đính chính',
  'document.create': 'Lập văn bản',
  'document.issue': 'Ban hành văn bản',
  'document.recompute': 'Tính lại số liệu văn bản',
  'document.update': 'Sửa văn bản',
  'draft.close': 'Kết thúc lấy ý kiến sớm',
  'draft.create': 'Tạo dự thảo',
  'draft.file.add': 'Thêm tệp vào dự thảo',
  'draft.file.remove': 'Xóa tệp của dự thảo',
  'draft.publish': 'Đăng tải dự thảo',
  'draft.publishSummary': 'Công bố tiếp thu, giải trình',
  'draft.text': 'Lưu nội dung dự thảo',
  'draft.unpublish': 'Hủy đăng tải dự thảo',
  'draft.update': 'Sửa thông tin dự thảo',
  'draft.version': 'Đăng phiên bản mới',
  'obstacle.raise': 'Phản ánh khó khăn',
  'obstacle.forward': 'Chuyển khó khăn lên Chủ tịch',
  'obstacle.answer': 'Trả lời khó khăn',
  'obstacle.close': 'Đóng khó khăn',
  'plan.create': 'Tạo kế hoạch',
  'plan.update': 'Sửa kế hoạch',
  'report.accept': 'Chấp nhận báo cáo',
  'report.resubmit': 'Gửi lại báo cáo',
  'report.return': 'Trả lại báo cáo',
  'report.submit': 'Gửi báo cáo tiến độ',
  'task.create': 'Thêm nhiệm vụ',
  'task.progress': 'Cập nhật tiến độ nhiệm vụ',
  'task.start': 'Bắt đầu nhiệm vụ',
  'task.update': 'Sửa nhiệm vụ',
  'trigger.create': 'Ghi nhận văn bản kích hoạt',
  'unit.create': 'Thêm đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.activate': 'Mở lại đơn vị',
  'unit.deactivate': 'Ngừng đơn vị',
  'user.create': 'Tạo tài khoản',
  'ward.create': 'Tạo phường, xã (quản trị cấp tỉnh)',
  'user.activate': 'Mở khóa tài khoản',
  'user.deactivate': 'Khóa tài khoản',
  'user.sso': 'Gắn tài khoản dùng chung',
};

const FIELD_LABELS: Record<string, string> = {
  title: 'Tên',
  name: 'Tên',
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  role: 'Vai trò',
  kind: 'Loại',
  active: 'Đang hoạt động',
  status: 'Trạng thái',
  state: 'Trạng thái',
  summary: 'Tóm tắt',
  description: 'Mô tả',
  documentType: 'Loại văn bản',
  draftingAgency: 'Cơ quan chủ trì soạn thảo',
  field: 'Lĩnh vực',
  affectedGroups: 'Đối tượng chịu tác động',
  opensAt: 'Ngày bắt đầu lấy ý kiến',
  closesAt: 'Ngày kết thúc lấy ý kiến',
  closedEarlyAt: 'Kết thúc sớm lúc',
  shortPeriodReason: 'Lý do rút ngắn thời gian',
  publishImmediately: 'Công khai ý kiến ngay',
  answeredAt: 'Công bố tiếp thu lúc',
  summaryNote: 'Ghi chú bản tổng hợp',
  hiddenReason: 'Lý do ẩn',
  hiddenNote: 'Ghi chú khi ẩn',
  outcome: 'Kết quả tiếp thu',
  explanation: 'Nội dung trả lời',
  number: 'Số',
  changeSummary: 'Tóm tắt nội dung sửa đổi',
  sections: 'Số phần',
  year: 'Năm',
  published: 'Đã công khai',
  issuedOn: 'Ngày ban hành',
  issuer: 'Cơ quan ban hành',
  documentNumber: 'Số văn bản',
  ordinal: 'Số thứ tự',
  content: 'Nội dung',
  timeframeKind: 'Loại thời hạn',
  startDate: 'Ngày bắt đầu',
  dueDate: 'Hạn hoàn thành',
  progressPercent: 'Tiến độ (%)',
  progress: 'Tiến độ (%)',
  requestedVnd: 'Kinh phí đề nghị',
  approvedVnd: 'Kinh phí được duyệt',
  decisionNote: 'Ý kiến của Chủ tịch',
  reviewNote: 'Ý kiến khi xem xét',
  response: 'Nội dung trả lời',
  responseKind: 'Hình thức trả lời',
  forwardNote: 'Ghi chú khi chuyển',
  periodStart: 'Từ ngày',
  periodEnd: 'Đến ngày',
  computedAt: 'Tính số liệu lúc',
  sizeBytes: 'Dung lượng (byte)',
  originalName: 'Tên tệp',
  units: 'Đơn vị thực hiện',
  unitId: 'Đơn vị',
  unitIds: 'Đơn vị',
  userId: 'Cán bộ',
  bases: 'Căn cứ',
  recipients: 'Nơi nhận',
  files: 'Tệp',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  oidcSubject: 'Mã tài khoản dùng chung',
  slug: 'Đường dẫn',
  placeName: 'Địa danh ghi trên văn bản',
  committeeName: 'Tên Ủy ban nhân dân',
  parentBodyName: 'Cơ quan cấp trên',
  adminUsername: 'Tên đăng nhập của quản trị viên',
  adminFullName: 'Họ và tên quản trị viên',
  adminJobTitle: 'Chức vụ của quản trị viên',
  unit: 'Đơn vị',
};

// Never shown: internal ids and bookkeeping that mean nothing to a reader.
const HIDDEN = /^(id|.*Id|.*Ids|searchText|sha256|storageKey|passwordHash|createdAt|updatedAt|sortOrder|wardId)$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const ENUM_LABELS: Record<string, string> = Object.assign(
  {},
  ...Object.entries(enums)
    .filter(([k, v]) => k.endsWith('_LABELS') && v && typeof v === 'object')
    .map(([, v]) => v as Record<string, string>),
);

/** Names that ids are replaced with (units and officers of the ward). */
export type Names = Map<string, string>;

function show(value: unknown, names: Names, key = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return /Vnd$/.test(key) ? `${formatNumber(value)} đ` : formatNumber(value);
  if (typeof value === 'string') {
    if (ISO.test(value)) return formatDateTime(value);
    const name = names.get(value);
    if (name !== undefined) return name;
    // Long texts are cut: the log says that they changed and how they begin, not the whole text again.
    return ENUM_LABELS[value] ?? (value.length > 200 ? `${value.slice(0, 200)}…` : value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((v) => (v && typeof v === 'object' ? describeItem(v as Record<string, unknown>, names) : show(v, names, key))).join('; ');
  }
  if (typeof value === 'object') return describeItem(value as Record<string, unknown>, names);
  return String(value);
}

/** One element of a list (a basis, a recipient, a unit of a task): its telling fields only. */
function describeItem(item: Record<string, unknown>, names: Names): string {
  const parts = Object.entries(item)
    .filter(([k, v]) => (!HIDDEN.test(k) || k === 'unitId' || k === 'userId') && v !== '' && v !== null && v !== undefined)
    .map(([k, v]) => show(v, names, k));
  return parts.join(', ');
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}

export type FieldChange = { label: string; before: string; after: string };

/** The fields that changed (every field when something was created or removed), in Vietnamese. */
export function fieldChanges(beforeJson: string | null, afterJson: string | null, names: Names): FieldChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const keepId = key === 'unitId' || key === 'userId' || key === 'unitIds';
    if (HIDDEN.test(key) && !keepId) continue;
    const b = before ? show(before[key], names, key) : '';
    const a = after ? show(after[key], names, key) : '';
    if (before && after && b === a) continue;
    changes.push({ label: FIELD_LABELS[key] ?? key, before: b, after: a });
  }
  return changes;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityLabel(type: string): string {
  return ENTITY_LABELS[type] ?? type;
}

/** What the entry was about, by name when the stored data has one ("Dự thảo: Nghị quyết …"). */
export function entityName(beforeJson: string | null, afterJson: string | null): string {
  for (const json of [afterJson, beforeJson]) {
    const v = parse(json);
    const name = v && (v.title ?? v.name ?? v.fullName ?? v.originalName);
    if (typeof name === 'string' && name) return name;
  }
  return '';
}
