/** The one error type the app throws on purpose. The error handler turns it into a page with `status`. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly details?: unknown,
    /** The error page's heading, when the status's usual one would not say what happened. */
    public readonly title?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(message = 'Yêu cầu không hợp lệ.') {
    return new AppError(400, message);
  }
  static unauthorized(message = 'Vui lòng đăng nhập để tiếp tục.') {
    return new AppError(401, message);
  }
  static forbidden(message = 'Bạn không có quyền thực hiện thao tác này.') {
    return new AppError(403, message);
  }
  static notFound(message = 'Không tìm thấy trang hoặc dữ liệu yêu cầu.', title?: string) {
    return new AppError(404, message, undefined, title);
  }
  static conflict(message: string) {
    return new AppError(409, message);
  }
  /** The database or the data folder is out of reach: nothing was saved, try again later. */
  static unavailable(message = 'Hệ thống đang tạm thời gián đoạn nên chưa thể xử lý yêu cầu; dữ liệu bạn gửi chưa được lưu. Vui lòng thử lại sau ít phút.') {
    return new AppError(503, message);
  }
}
