import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../lib/app-error.js';
import { isDatabaseUnavailable } from '../lib/db-errors.js';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy trang',
  409: 'Dữ liệu đã thay đổi',
  413: 'Tệp quá lớn',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Hệ thống tạm thời gián đoạn',
};

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(AppError.notFound());
}

/** The single error handler: always sets the status; shows a stack only outside production. */
export function errorHandler(isProduction: boolean) {
  // Express recognises error handlers by their four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let status = 500;
    let message = 'Đã có lỗi xảy ra. Vui lòng thử lại sau.';
    let title: string | undefined;
    if (err instanceof AppError) {
      status = err.status;
      message = err.message;
      title = err.title;
    } else if (isDatabaseUnavailable(err)) {
      const unavailable = AppError.unavailable();
      status = unavailable.status;
      message = unavailable.message;
      req.log?.error({ err }, 'database unavailable');
    } else if (err instanceof multer.MulterError) {
      status = err.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
      message = err.code === 'LIMIT_FILE_SIZE' ? 'Tệp tải lên vượt quá dung lượng cho phép.' : 'Tệp tải lên không hợp lệ.';
    } else if (isHttpError(err) && err.status < 500) {
      status = err.status;
      message =
        err.code === 'EBADCSRFTOKEN' || /csrf/i.test(err.message)
          ? 'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.'
          : err.status === 413
            ? 'Nội dung gửi lên quá lớn.'
            : message;
    }
    if (status >= 500 && status !== 503) req.log?.error({ err }, 'unhandled error');
    // Already answered (a download broken half-way, or the timeout's 503): never a second answer;
    // one cut short is closed so the client sees it broken rather than waiting.
    if (res.headersSent) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    res.status(status);
    // A 503 is temporary: tell clients and proxies when to try again, and never cache it.
    if (status === 503) res.setHeader('Retry-After', '30').setHeader('Cache-Control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json' && !req.accepts('html')) {
      return res.json({ error: message });
    }
    const locals = {
      title: title ?? TITLES[status] ?? 'Lỗi',
      status,
      message,
      stack: !isProduction && status >= 500 && err instanceof Error ? err.stack : undefined,
    };
    // Rendering takes a moment: the page is sent only if nothing else answered meanwhile.
    res.render('error', locals, (renderErr: Error | null, html: string) => {
      if (renderErr) req.log?.error({ err: renderErr }, 'error page failed to render');
      if (res.headersSent) return;
      if (renderErr) res.type('text/plain').send(message);
      else res.send(html);
    });
  };
}

function isHttpError(err: unknown): err is { status: number; message: string; code?: string } {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}
