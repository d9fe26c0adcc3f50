import { z } from 'zod';
import { parseDateInput } from '../../lib/format.js';

/** A day typed as dd/mm/yyyy (or yyyy-mm-dd); anything else is ignored rather than refused: this is a filter. */
const day = z
  .string()
  .trim()
  .max(20)
  .optional()
  .catch(undefined)
  .transform((v) => ({ text: v ?? '', date: v ? parseDateInput(v) : null }));

export const auditQuerySchema = z.object({
  loai: z.string().trim().max(60).optional().catch(undefined),
  nguoi: z.string().trim().max(40).optional().catch(undefined),
  tu: day,
  den: day,
  trang: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
