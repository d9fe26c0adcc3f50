import { z } from 'zod';
import { OBSTACLE_RESPONSE_KINDS } from '../../domain/enums.js';
import { optionalText, requiredText } from '../../lib/form-fields.js';

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
