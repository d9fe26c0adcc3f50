import { z } from 'zod';

export const auditQuerySchema = z.object({
  loai: z.string().trim().max(60).optional().catch(undefined),
  nguoi: z.string().trim().max(40).optional().catch(undefined),
  trang: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
