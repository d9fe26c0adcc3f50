import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { attemptForm, FormError, validateForm, type FormErrors } from '../../lib/validation.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import { correctionSchema, paperEntrySchema, registerDocumentSchema, SEQUENCING_LABELS, SEQUENCINGS, sequencingSchema } from './register.schemas.js';
import * as service from './register.service.js';
import { pendingSummaries, registerSummary } from './register.summary.js';
import { textOf } from '../../lib/request.js';

type FormState = { form: string; values: Record<string, string>; errors: FormErrors };

export function registerHandlers(ctx: AppContext) {
  const yearFrom = (req: Request) => {
    const y = Number(req.query.nam);
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : dayjs(ctx.now()).tz(TIME_ZONE).year();
  };

  async function page(req: Request, res: Response, view: 'register/index' | 'register/print', year: number, state: FormState | null, status = 200) {
    const user = currentUser(req);
    const wardId = user.wardId;
    const [entries, years, sequencing, pending] = await Promise.all([
      service.listEntries(ctx.db, wardId, year),
      service.yearsInRegister(ctx.db, wardId),
      service.sequencingOf(ctx.db, wardId),
      pendingSummaries(ctx.db, wardId),
    ]);
    const thisYear = dayjs(ctx.now()).tz(TIME_ZONE).year();
    res.status(status).render(view, {
      title: `Sổ đăng ký văn bản đi năm ${year}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: '/can-bo/van-ban', label: 'Văn bản, báo cáo' },
      ],
      year,
      years: [...new Set([thisYear, ...years])].sort((a, b) => b - a),
      entries,
      sequencing,
      sequencingLabel: SEQUENCING_LABELS[sequencing],
      sequencingOptions: SEQUENCINGS.map((v) => ({ value: v, label: SEQUENCING_LABELS[v] })),
      pending,
      canWrite: user.role === 'JUSTICE' || user.role === 'ADMIN',
      canChoose: user.role === 'CHAIRMAN' || user.role === 'ADMIN',
      nextBc: formatDocumentNumber(await service.nextFreeNumber(ctx.db, wardId, thisYear, 'BC-UBND'), 'BC-UBND'),
      nextNumbers: await service.nextNumbers(ctx.db, wardId, thisYear, ['QĐ-UBND', 'TB-UBND', 'BC-UBND', 'KH-UBND']),
      thisYear,
      state,
      formatDocumentNumber,
    });
  }

  const fail = async (req: Request, res: Response, form: string, errors: FormErrors) => {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (k !== '_csrf') values[k] = textOf(v);
    await page(req, res, 'register/index', dayjs(ctx.now()).tz(TIME_ZONE).year(), { form, values, errors }, 400);
  };
  const validated = <T>(result: { ok: true; data: T } | { ok: false; errors: FormErrors }): T => {
    if (!result.ok) throw new FormError(result.errors);
    return result.data;
  };

  return {
    index: (req: Request, res: Response) => page(req, res, 'register/index', yearFrom(req), null),
    print: (req: Request, res: Response) => page(req, res, 'register/print', yearFrom(req), null),

    async addPaper(req: Request, res: Response) {
      const saved = await attemptForm(() => service.addPaperEntry(ctx.db, actorOf(req), validated(validateForm(paperEntrySchema, req.body)), ctx.now()));
      if (!saved.ok) return fail(req, res, 'paper', saved.errors);
      req.flash('success', `Đã vào sổ văn bản số ${formatDocumentNumber(saved.data.number, saved.data.symbol)}.`);
      res.redirect(303, `/can-bo/so-van-ban-di?nam=${saved.data.year}`);
    },

    async registerSummary(req: Request, res: Response) {
      const draftId = String(req.params.draftId);
      const saved = await attemptForm(() => registerSummary(ctx, actorOf(req), req.ward, draftId, validated(validateForm(registerDocumentSchema, req.body))));
      if (!saved.ok) return fail(req, res, `summary-${draftId}`, saved.errors);
      req.flash('success', `Đã vào sổ bản tổng hợp, tiếp thu, giải trình số ${formatDocumentNumber(saved.data.number, saved.data.symbol)}.`);
      res.redirect(303, `/can-bo/so-van-ban-di?nam=${saved.data.year}`);
    },

    async correct(req: Request, res: Response) {
      const id = String(req.params.id);
      const saved = await attemptForm(() => service.addCorrection(ctx.db, actorOf(req), id, validated(validateForm(correctionSchema, req.body)), ctx.now()));
      if (!saved.ok) return fail(req, res, `correct-${id}`, saved.errors);
      req.flash(
        'success',
        `Đã vào sổ văn bản đính chính số ${formatDocumentNumber(saved.data.number, saved.data.symbol)}; văn bản cũ được giữ nguyên trong sổ.`,
      );
      res.redirect(303, `/can-bo/so-van-ban-di?nam=${saved.data.year}`);
    },

    async setSequencing(req: Request, res: Response) {
      const saved = await attemptForm(async () => {
        const { registerSequencing } = validated(validateForm(sequencingSchema, req.body));
        await service.setSequencing(ctx.db, actorOf(req), registerSequencing, ctx.now());
        return registerSequencing;
      });
      if (!saved.ok) return fail(req, res, 'sequencing', saved.errors);
      req.flash('success', `Đã chọn cách đánh số: ${SEQUENCING_LABELS[saved.data]}.`);
      res.redirect(303, '/can-bo/so-van-ban-di');
    },
  };
}
