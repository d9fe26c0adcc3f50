import { z } from 'zod';
import { OBSTACLE_RESPONSE_KINDS } from '../../domain/enums.js';
import { optionalText, requiredText } from '../../lib/form-fields.js';
import { DOCX_MIME } from '../../lib/uploads.js';

/** A photo of the problem or a document about it: images, PDF, Word (checked from the bytes). */
export const OBSTACLE_FILE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf', DOCX_MIME] as const;
export const OBSTACLE_FILE_TYPES_TEXT = 'ảnh PNG/JPEG/WebP, PDF, Word (.docx)';
export const MAX_OBSTACLE_FILES = 3;

export const obstacleSchema = z.object({
  title: requiredText('tiêu đề', 300),
  description: requiredText('nội dung khó khăn, vướng mắc', 5000),
  taskId: optionalText('nhiệm vụ', 100),
  planId: optionalText('kế hoạch', 100),
  unitId: optionalText('đơn vị', 100),
});
export type ObstacleInput = z.infer<typeof obstacleSchema>;

export const forwardSchema = z.object({
  forwardNote: requiredText('ý kiến khi chuyển Chủ tịch', 2000),
});

export const answerSchema = z.object({
  responseKind: z.enum(OBSTACLE_RESPONSE_KINDS, { message: 'Vui lòng chọn hình thức trả lời: hướng dẫn hoặc quyết định giải quyết.' }),
  response: requiredText('nội dung chỉ đạo', 5000),
});
