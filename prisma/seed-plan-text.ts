/**
 * The text of the ward's 2025 plan (shared/seed), as issued. Paragraphs are
 * separated by blank lines. The one typo of the extracted text ("đóng trteen")
 * is corrected to "đóng trên".
 */
export const PLAN_TITLE =
  'Thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn phường Trương Quang Trọng';

export const PLAN_PREAMBLE =
  'Thực hiện Kế hoạch số 25/KH-UBND ngày 11/02/2025 của UBND thành phố Quảng Ngãi thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn thành phố Quảng Ngãi. Chủ tịch UBND phường Trương Quang Trọng ban hành Kế hoạch thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn phường Trương Quang Trọng cụ thể như sau:';

export const PLAN_PURPOSE =
  'Thực hiện hiệu quả Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” trong năm 2025; tăng cường vai trò, trách nhiệm và sự phối hợp của các cơ quan, đơn vị, cán bộ, công chức trong quá trình tổ chức truyền thông dự thảo các chính sách có tác động lớn đến xã hội thuộc phạm vi điều chỉnh của Đề án, tạo đồng thuận xã hội đối với những chính sách, quy định pháp luật cần phải được ban hành hoặc điều chỉnh để đáp ứng đầy đủ, kịp thời và thực chất theo yêu cầu của thực tiễn cuộc sống; góp phần nâng cao chất lượng chính sách, thể chế, tính khả thi của văn bản quy phạm pháp luật (QPPL) cũng như ý thức tôn trọng, tuân theo pháp luật của người dân, doanh nghiệp, đáp ứng mục tiêu phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh trên địa bàn phường.';

export const PLAN_REQUIREMENTS =
  'Xác định cụ thể nhiệm vụ, nội dung công việc; bảo đảm tiến độ, chất lượng, thời hạn hoàn thành và trách nhiệm của từng cán bộ, công chức, tổ chức, cá nhân và người dân có liên quan trong việc triển khai thực hiện. Thời điểm thực hiện hoạt động truyền thông chính sách đối với các dự thảo chính sách được bắt đầu ngay từ khi có văn bản chỉ đạo của cấp trên, văn bản đề nghị phối hợp của cơ quan chủ trì soạn thảo văn bản QPPL.';

export const PLAN_IMPLEMENTATION = [
  'a) Bộ phận Tư pháp – Hộ tịch chủ trì, phối hợp với cán bộ, công chức chuyên môn liên quan, Mặt trận các tổ chức chính trị - xã hội phường tổ chức triển khai thực hiện Kế hoạch này; đôn đốc, theo dõi, tổng hợp báo cáo kết quả thực hiện về UBND phường và Phòng Tư pháp.',
  'b) Các cán bộ, công chức chuyên môn thuộc UBND phường có liên quan, Mặt trận các tổ chức chính trị - xã hội phường, tổ dân phố căn cứ nhiệm vụ được giao tại Kế hoạch này xây dựng kế hoạch cụ thể và bố trí kinh phí thực hiện; và tổ chức triển khai hoạt động truyền thông chính sách phù hợp tại cơ quan, đơn vị, bộ phận chuyên môn đảm bảo truyền thông kịp thời các dự thảo chính sách theo quy định.',
].join('\n\n');

export const PLAN_FUNDING =
  'Cán bộ, công chức chuyên môn phường căn cứ yêu cầu nhiệm vụ, nội dung và khối lượng công việc được phân công trong Kế hoạch và quy định của Luật Ngân sách nhà nước để xây dựng dự toán trình UBND phường xem xét, bố trí kinh phí để thực hiện.';

export const PLAN_CLOSING =
  'Trong quá trình thực hiện nếu có khó khăn, vướng mắc, đề nghị thông tin, phản ánh về UBND phường (qua Bộ phận Tư pháp) để hướng dẫn hoặc đề xuất Chủ tịch UBND phường xem xét giải quyết./.';

export const PLAN_TASKS = [
  {
    ordinal: 1,
    content:
      'Tổ chức triển khai thực hiện Kế hoạch số 113/KH-UBND ngày 19/7/2022 của UBND tỉnh triển khai thực hiện Đề án, chủ động triển khai, chỉ đạo nhằm nâng cao nhận thức về nội dung vị trí, vai trò, tầm quan trọng của Đề án và truyền thông dự thảo chính sách đến đội ngũ cán bộ, công chức, viên chức, Nhân dân và cơ quan, tổ chức thuộc phạm vi quản lý; phát huy vai trò, trách nhiệm của cả hệ thống chính trị trong vận động, khuyến khích Nhân dân quan tâm, tham gia đóng góp ý kiến đối với dự thảo chính sách trong năm 2025.',
    leadNote: 'UBND phường, Mặt trận, các tổ chức chính trị - xã hội phường, tổ dân phố.',
    coordinationNote: 'Cán bộ, công chức thuộc UBND phường và các cơ quan, tổ chức liên quan.',
    timeframeKind: 'ONGOING',
    timeframeText: 'Thường xuyên trong năm 2025.',
  },
  {
    ordinal: 2,
    content:
      'Phối hợp truyền thông, thông tin rộng rãi đến cán bộ và Nhân dân, cơ quan, tổ chức đóng trên địa bàn phường về dự thảo chính sách; đẩy mạnh ứng dụng công nghệ thông tin, đăng tải trên Trang Thông tin điện tử phường.',
    leadNote: 'Cán bộ, công chức tham mưu UBND phường về quản lý nhà nước đối với lĩnh vực mà dự thảo văn bản QPPL trong năm 2025 điều chỉnh.',
    coordinationNote:
      'Cán bộ, công chức Văn hóa – Xã hội; Tư pháp – Hộ tịch; Văn phòng – Thống kê; Mặt trận, các tổ chức chính trị - xã hội phường; Tổ dân phố.',
    timeframeKind: 'TRIGGERED',
    timeframeText: 'Theo đề nghị của cơ quan chủ trì soạn thảo văn bản QPPL.',
  },
  {
    ordinal: 3,
    content:
      'Phối hợp tổ chức truyền thông dự thảo chính sách có tác động lớn đến xã hội (đối với các dự thảo văn bản luật, Nghị quyết của Quốc hội) trong năm 2025 trên địa bàn phường.',
    leadNote: 'Công chức Tư pháp – Hộ tịch.',
    coordinationNote: 'Các công chức chuyên môn có liên quan; Mặt trận, các tổ chức chính trị - xã hội phường; Tổ dân phố.',
    timeframeKind: 'TRIGGERED',
    timeframeText: 'Trong năm 2025, sau khi có văn bản chỉ đạo của UBND thành phố và hướng dẫn của Phòng Tư pháp thành phố.',
  },
] as const;

export const PLAN_RECIPIENTS = [
  'Phòng Tư pháp',
  'Thường trực Đảng ủy phường',
  'Thường trực HĐND phường',
  'Mặt trận và các Hội đoàn thể phường',
  'CT, các PCT UBND phường',
  'Cán bộ, công chức phường',
  'Tổ dân phố',
  'Trang thông tin điện tử phường',
];
