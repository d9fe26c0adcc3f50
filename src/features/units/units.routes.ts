import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { unitHandlers } from './units.handlers.js';

/** Units and officer accounts: administrators only. */
export function unitsRouter(ctx: AppContext) {
  const router = Router();
  const h = unitHandlers(ctx);
  const admin = requireRole('ADMIN');
  router.get('/can-bo/don-vi', admin, h.index);
  router.get('/can-bo/don-vi/moi', admin, h.newUnit);
  router.post('/can-bo/don-vi/moi', admin, h.createUnit);
  router.get('/can-bo/don-vi/tai-khoan/moi', admin, h.newAccount);
  router.post('/can-bo/don-vi/tai-khoan/moi', admin, h.createAccount);
  router.post('/can-bo/don-vi/tai-khoan/:userId/trang-thai', admin, h.setUserActive);
  router.get('/can-bo/don-vi/tai-khoan/:userId/dang-nhap-chung', admin, h.editSso);
  router.post('/can-bo/don-vi/tai-khoan/:userId/dang-nhap-chung', admin, h.saveSso);
  router.get('/can-bo/don-vi/:unitId/sua', admin, h.editUnit);
  router.post('/can-bo/don-vi/:unitId/sua', admin, h.updateUnit);
  router.post('/can-bo/don-vi/:unitId/trang-thai', admin, h.setUnitActive);
  return router;
}
