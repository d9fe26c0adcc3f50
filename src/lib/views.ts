import type { Express } from 'express';
import ejs from 'ejs';

/**
 * The EJS views of `viewsDir` as the app's view engine. Views include each other by paths from views/
 * ('/partials/field'), resolved against `root` with no file-system check: a relative include made EJS
 * call fs.existsSync at every include of every render (about 15 a page), even with its compiled
 * templates cached ('view cache', on in production).
 */
export function useViews(app: Express, viewsDir: string) {
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.engine('ejs', (file, data, done) =>
    ejs.renderFile(file, data as ejs.Data, { root: viewsDir, views: [viewsDir], cache: app.enabled('view cache') }, done as ejs.RenderFileCallback<string>),
  );
}
