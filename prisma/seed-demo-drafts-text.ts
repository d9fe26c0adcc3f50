/**
 * The text of the demo drafts, written the way such drafts are laid out
 * (Chương / Điều headings), split into articles by the same code officers use.
 */

export const LAW_TITLE = 'Dự thảo Luật sửa đổi, bổ sung một số điều của Luật Đất đai';
export const LAW_SUMMARY =
  'Dự thảo sửa một số quy định của Luật Đất đai năm 2024 cho phù hợp với chính quyền địa phương hai cấp: Ủy ban nhân dân cấp xã, phường được giao thêm việc cấp Giấy chứng nhận quyền sử dụng đất lần đầu, hòa giải tranh chấp đất đai; bảng giá đất được điều chỉnh hằng năm sát giá thị trường hơn; người có đất bị thu hồi được hỗ trợ tái định cư và chuyển đổi nghề nghiệp tốt hơn; thủ tục đất đai được làm trực tuyến. Người dân nên góp ý vì các quy định này ảnh hưởng trực tiếp đến quyền sử dụng đất, tiền sử dụng đất và bồi thường khi Nhà nước thu hồi đất.';
export const LAW_AFFECTED =
  'Hộ gia đình, cá nhân đang sử dụng đất ở, đất nông nghiệp; người có đất bị thu hồi; doanh nghiệp, hộ kinh doanh thuê đất; Ủy ban nhân dân và công chức địa chính cấp xã, phường.';

export const LAW_TEXT = `Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15.

Chương I
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI

Điều 1. Bảng giá đất
1. Bảng giá đất do Ủy ban nhân dân cấp tỉnh xây dựng, trình Hội đồng nhân dân cùng cấp quyết định và công bố vào ngày 01 tháng 01 hằng năm.
2. Trường hợp giá đất phổ biến trên thị trường tăng hoặc giảm từ 20% trở lên so với bảng giá đất đang áp dụng, Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp điều chỉnh bảng giá đất trong năm.
3. Bảng giá đất được công khai trên Cổng thông tin điện tử của Ủy ban nhân dân cấp tỉnh và niêm yết tại trụ sở Ủy ban nhân dân cấp xã.

Điều 2. Cấp Giấy chứng nhận quyền sử dụng đất lần đầu
1. Ủy ban nhân dân cấp xã cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu cho hộ gia đình, cá nhân, cộng đồng dân cư đang sử dụng đất ổn định, không có tranh chấp.
2. Thời gian giải quyết thủ tục không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh nguồn gốc đất thì không quá 25 ngày làm việc.
3. Người sử dụng đất có thể nộp hồ sơ trực tuyến, nộp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã nơi có đất hoặc qua dịch vụ bưu chính.

Điều 3. Thu hồi đất để phát triển kinh tế - xã hội vì lợi ích quốc gia, công cộng
1. Nhà nước thu hồi đất để thực hiện dự án phát triển kinh tế - xã hội vì lợi ích quốc gia, công cộng trong các trường hợp quy định tại Điều 79 của Luật Đất đai.
2. Trước khi có quyết định thu hồi đất, Ủy ban nhân dân cấp xã phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp tổ chức lấy ý kiến người có đất thu hồi về phương án bồi thường, hỗ trợ, tái định cư; thời gian lấy ý kiến ít nhất 30 ngày.
3. Kết quả lấy ý kiến được lập thành biên bản, công khai tại trụ sở Ủy ban nhân dân cấp xã và nhà văn hóa tổ dân phố nơi có đất thu hồi.

Điều 4. Bồi thường, hỗ trợ, tái định cư
1. Người có đất ở bị thu hồi mà không còn chỗ ở nào khác trong địa bàn cấp xã nơi có đất thu hồi được bố trí tái định cư trước khi bàn giao mặt bằng.
2. Hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp khi Nhà nước thu hồi đất nông nghiệp được hỗ trợ ổn định đời sống, đào tạo, chuyển đổi nghề và tìm kiếm việc làm.
3. Mức hỗ trợ cụ thể do Ủy ban nhân dân cấp tỉnh quy định phù hợp với điều kiện thực tế của địa phương.

Điều 5. Hòa giải tranh chấp đất đai tại cấp xã
1. Tranh chấp đất đai mà các bên không tự hòa giải được thì gửi đơn đến Ủy ban nhân dân cấp xã nơi có đất để hòa giải.
2. Chủ tịch Ủy ban nhân dân cấp xã thành lập Hội đồng hòa giải, có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã, tổ trưởng tổ dân phố và người có uy tín trong cộng đồng dân cư.
3. Việc hòa giải được thực hiện trong thời hạn không quá 30 ngày kể từ ngày nhận được đơn.

Điều 6. Thủ tục hành chính về đất đai trên môi trường điện tử
1. Thủ tục đăng ký đất đai, cấp Giấy chứng nhận, chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất được thực hiện trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia.
2. Cơ sở dữ liệu đất đai được kết nối, chia sẻ với Cơ sở dữ liệu quốc gia về dân cư; người dân không phải nộp bản sao giấy tờ đã có trong cơ sở dữ liệu.

Chương II
ĐIỀU KHOẢN THI HÀNH

Điều 7. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027.

Điều 8. Quy định chuyển tiếp
1. Hồ sơ đề nghị cấp Giấy chứng nhận đã nộp trước ngày Luật này có hiệu lực thi hành mà chưa giải quyết xong thì tiếp tục giải quyết theo quy định của Luật này.
2. Phương án bồi thường, hỗ trợ, tái định cư đã được phê duyệt trước ngày Luật này có hiệu lực thi hành thì tiếp tục thực hiện theo phương án đã phê duyệt.
`;

export const RESOLUTION_TITLE =
  'Dự thảo Nghị quyết của HĐND tỉnh Quảng Ngãi quy định mức hỗ trợ kinh phí hoạt động của tổ dân phố và mức bồi dưỡng người trực tiếp tham gia công việc của tổ dân phố';
export const RESOLUTION_SUMMARY =
  'Dự thảo quy định mỗi tổ dân phố được ngân sách hỗ trợ một khoản kinh phí hằng tháng để sinh hoạt, họp dân, giữ gìn vệ sinh, an ninh trật tự; tổ trưởng, tổ phó tổ dân phố và trưởng ban công tác Mặt trận được bồi dưỡng hằng tháng. Mức hỗ trợ ảnh hưởng trực tiếp đến hoạt động của các tổ dân phố trên địa bàn phường, như các tổ dân phố dọc đường Trương Quang Trọng.';
export const RESOLUTION_AFFECTED =
  'Các tổ dân phố; tổ trưởng, tổ phó tổ dân phố; trưởng ban công tác Mặt trận ở khu dân cư; Ủy ban nhân dân các xã, phường, đặc khu trong tỉnh.';

export const RESOLUTION_V1 = `Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Nghị quyết này quy định mức hỗ trợ kinh phí hoạt động của tổ dân phố và mức bồi dưỡng hằng tháng đối với người trực tiếp tham gia công việc của tổ dân phố trên địa bàn tỉnh Quảng Ngãi.
2. Đối tượng áp dụng: tổ dân phố; tổ trưởng, tổ phó tổ dân phố; trưởng ban công tác Mặt trận ở khu dân cư.

Chương II
MỨC HỖ TRỢ, BỒI DƯỠNG VÀ TỔ CHỨC THỰC HIỆN

Điều 2. Mức hỗ trợ kinh phí hoạt động của tổ dân phố
1. Tổ dân phố có từ 350 hộ gia đình trở lên: 3.000.000 đồng/tổ/năm.
2. Tổ dân phố có dưới 350 hộ gia đình: 2.500.000 đồng/tổ/năm.

Điều 3. Mức bồi dưỡng người trực tiếp tham gia công việc của tổ dân phố
1. Tổ trưởng tổ dân phố: 1.500.000 đồng/người/tháng.
2. Tổ phó tổ dân phố: 1.000.000 đồng/người/tháng.
3. Trưởng ban công tác Mặt trận ở khu dân cư: 1.000.000 đồng/người/tháng.

Điều 4. Nguồn kinh phí
Kinh phí thực hiện Nghị quyết này do ngân sách cấp xã bảo đảm theo phân cấp ngân sách hiện hành.

Điều 5. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
`;

export const RESOLUTION_V2 = `Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Nghị quyết này quy định mức hỗ trợ kinh phí hoạt động của tổ dân phố và mức bồi dưỡng hằng tháng đối với người trực tiếp tham gia công việc của tổ dân phố trên địa bàn tỉnh Quảng Ngãi.
2. Đối tượng áp dụng: tổ dân phố; tổ trưởng, tổ phó tổ dân phố; trưởng ban công tác Mặt trận ở khu dân cư.

Chương II
MỨC HỖ TRỢ, BỒI DƯỠNG VÀ TỔ CHỨC THỰC HIỆN

Điều 2. Mức hỗ trợ kinh phí hoạt động của tổ dân phố
1. Tổ dân phố có từ 350 hộ gia đình trở lên: 5.000.000 đồng/tổ/năm.
2. Tổ dân phố có dưới 350 hộ gia đình: 4.000.000 đồng/tổ/năm.
3. Kinh phí được chi cho họp dân, sinh hoạt cộng đồng, văn phòng phẩm, nước uống và giữ gìn vệ sinh môi trường khu dân cư.

Điều 3. Mức bồi dưỡng người trực tiếp tham gia công việc của tổ dân phố
1. Tổ trưởng tổ dân phố: 1.800.000 đồng/người/tháng.
2. Tổ phó tổ dân phố: 1.200.000 đồng/người/tháng.
3. Trưởng ban công tác Mặt trận ở khu dân cư: 1.200.000 đồng/người/tháng.

Điều 4. Nguồn kinh phí
Kinh phí thực hiện Nghị quyết này do ngân sách cấp xã bảo đảm theo phân cấp ngân sách hiện hành.

Điều 5. Tổ chức thực hiện
Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này; Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện.

Điều 6. Hiệu lực thi hành
Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026 và thay thế các quy định trước đây về chế độ đối với tổ dân phố trên địa bàn tỉnh.
`;

export const RESOLUTION_CHANGES =
  'Tiếp thu ý kiến của các tổ dân phố và Ủy ban Mặt trận Tổ quốc Việt Nam các phường: nâng mức hỗ trợ kinh phí hoạt động (Điều 2) và mức bồi dưỡng (Điều 3); bổ sung các nội dung được chi (khoản 3 Điều 2); tách quy định về hiệu lực thành Điều 6.';

export const UPCOMING_TITLE = 'Dự thảo Quyết định của UBND phường ban hành Quy chế quản lý, sử dụng nhà văn hóa tổ dân phố';
export const UPCOMING_SUMMARY =
  'Dự thảo quy định ai quản lý nhà văn hóa của từng tổ dân phố, giờ mở cửa, việc cho mượn để tổ chức đám cưới, đám tang, sinh hoạt câu lạc bộ, và cách thu, chi, công khai khoản đóng góp tự nguyện để sửa chữa nhà văn hóa.';
export const UPCOMING_AFFECTED = 'Người dân, các tổ dân phố, câu lạc bộ và hội, đoàn thể trên địa bàn phường Trương Quang Trọng.';

export const UPCOMING_TEXT = `Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc quản lý, sử dụng nhà văn hóa của các tổ dân phố trên địa bàn phường Trương Quang Trọng.

Điều 2. Trách nhiệm quản lý
Tổ trưởng tổ dân phố chịu trách nhiệm quản lý nhà văn hóa; Ban công tác Mặt trận khu dân cư giám sát việc sử dụng.

Điều 3. Sử dụng nhà văn hóa
1. Nhà văn hóa được sử dụng cho họp dân, sinh hoạt của hội, đoàn thể, câu lạc bộ và các hoạt động cộng đồng.
2. Việc cho mượn nhà văn hóa để tổ chức việc hiếu, việc hỷ do tổ dân phố thống nhất và công khai.

Điều 4. Kinh phí
Các khoản đóng góp tự nguyện để sửa chữa nhà văn hóa phải được công khai thu, chi tại cuộc họp tổ dân phố ít nhất sáu tháng một lần.
`;
