import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { loadProvinceUser, requireProvinceRole } from './province.access.js';
import { provinceHandlers } from './province.handlers.js';
import { provinceOfficerHandlers } from './province.officer.handlers.js';
import { withSession } from '../../middleware/ward-session.js';

/**
 * The province level (/tinh…): the landing page across wards, its feeds and
 * sitemap, the province accounts' sign-in, and their pages under /tinh/can-bo.
 * With WARD_SLUG empty, / is the landing page too.
 */
export function provinceRouter(ctx: AppContext) {
  const router = Router();
  const h = provinceHandlers(ctx);
  const o = provinceOfficerHandlers(ctx);
  const anyProvinceRole = requireProvinceRole('SUPERADMIN', 'PROVINCE_REVIEWER');
  // A request that reached a ward (its prefix, its host name or the deployment's own ward) is the ward's, even at "/".
  router.use((req, _res, next) => next(req.ward ? 'router' : undefined));
  router.use(loadProvinceUser(ctx.db, ctx.config.wardSlug));
  if (ctx.config.wardSlug === '') router.get('/', h.landing);
  router.get('/tinh', h.landing);
  router.get('/tinh/du-thao/feed.rss', h.rss);
  router.get('/tinh/du-thao/feed.atom', h.atom);
  router.get('/tinh/sitemap.xml', h.sitemap);
  router.get('/tinh/dang-nhap', h.showLogin);
  router.post('/tinh/dang-nhap', withSession, h.login);
  router.post('/tinh/dang-xuat', withSession, h.logout);

  router.get('/tinh/can-bo', anyProvinceRole, o.home);
  router.get('/tinh/can-bo/tien-do', anyProvinceRole, o.progress);
  router.get('/tinh/can-bo/phuong', requireProvinceRole('SUPERADMIN'), o.wards);
  router.get('/tinh/can-bo/phuong/moi', requireProvinceRole('SUPERADMIN'), o.newWard);
  router.post('/tinh/can-bo/phuong', requireProvinceRole('SUPERADMIN'), o.createWard);
  router.get('/tinh/can-bo/phuong/:slug/da-tao', requireProvinceRole('SUPERADMIN'), o.created);
  router.get('/tinh/can-bo/phuong/:slug', anyProvinceRole, o.ward);
  return router;
}
