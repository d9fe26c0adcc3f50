/**
 * A labelled set of Vietnamese comments for measuring the grouping of similar
 * comments: each item belongs to a "content" cluster; two items of one cluster
 * should be grouped, two of different clusters should not.
 *
 * - identical: the same text, also with other spacing, case, punctuation or in
 *   decomposed Unicode (NFD), as phones send it;
 * - light: lightly edited copies (a word dropped, swapped or added, a greeting,
 *   a signature, a typo) — generated from every base text, plus hand-written ones;
 * - paraphrase: the same request in other words (hand-written);
 * - unrelated: the base texts themselves are unrelated to each other, and some
 *   are deliberately close in wording but ask for something different (hard negatives).
 */

export type Kind = 'base' | 'identical' | 'light' | 'paraphrase';
export type LabelledComment = { text: string; cluster: number; kind: Kind };

const BASES: string[] = [
  'Đề nghị giảm mức thu phí vệ sinh đối với hộ nghèo, hộ cận nghèo và hộ có người khuyết tật xuống còn một nửa.',
  'Chợ phường nên mở cửa từ 5 giờ sáng để người buôn bán rau kịp bày hàng trước khi đi làm.',
  'Cần bố trí thêm chỗ gửi xe máy ở đầu hẻm 12 vì hiện nay xe đậu tràn ra lòng đường gây ùn tắc.',
  'Quy định giờ hát karaoke phải kết thúc trước 22 giờ, vi phạm thì xử phạt theo quy định.',
  'Tôi đồng ý với dự thảo, không có ý kiến gì thêm.',
  'Điều 3 cần ghi rõ thời hạn nộp phí là trước ngày 10 hằng tháng để người dân dễ nhớ.',
  'Đề nghị lắp thêm đèn chiếu sáng trên tuyến đường Nguyễn Du đoạn từ cầu Bàu Giang đến chợ.',
  'Việc thu gom rác nên thực hiện vào buổi tối sau 19 giờ để tránh mùi hôi ảnh hưởng học sinh đi học.',
  'Cần có quy định cụ thể về việc nuôi chó thả rông, phải rọ mõm khi đưa ra đường.',
  'Phường nên tổ chức lớp học bơi miễn phí cho trẻ em vào mùa hè để phòng chống đuối nước.',
  'Mức phạt đối với hành vi đổ rác không đúng nơi quy định còn thấp, đề nghị tăng lên.',
  'Đề nghị công khai danh sách các hộ được miễn, giảm phí tại nhà văn hóa tổ dân phố.',
  'Các quán ăn lấn chiếm vỉa hè làm người đi bộ phải đi xuống lòng đường rất nguy hiểm.',
  'Nên có hình thức nộp phí qua chuyển khoản ngân hàng hoặc ví điện tử cho tiện.',
  'Tôi đề nghị bổ sung quy định về trách nhiệm của chủ nhà cho thuê trọ trong việc đăng ký tạm trú.',
  'Cống thoát nước ở tổ dân phố 4 thường xuyên bị tắc, mỗi khi mưa lớn nước ngập đến đầu gối.',
  'Dự thảo chưa nói rõ ai là người kiểm tra, giám sát việc thu phí và thu xong thì dùng vào việc gì.',
  'Đề nghị xây dựng sân chơi cho thiếu nhi tại khu đất trống cạnh trường mầm non.',
  'Nên giữ nguyên mức thu như năm trước vì đời sống người dân còn nhiều khó khăn sau bão lũ.',
  'Cần tăng cường tuần tra an ninh vào ban đêm ở khu vực bờ sông vì thời gian gần đây hay mất trộm xe.',
  'Hộ kinh doanh nhỏ lẻ bán hàng tại nhà có phải đóng phí như hộ kinh doanh ở chợ không, đề nghị làm rõ.',
  'Việc cấp nước sạch cho khu dân cư mới còn chập chờn, đề nghị phường kiến nghị công ty cấp nước xử lý.',
  'Người cao tuổi sống một mình nên được miễn hoàn toàn phí vệ sinh.',
  'Đề nghị quy định rõ thời gian xe chở vật liệu xây dựng được vào khu dân cư, không chạy giờ cao điểm.',
  'Cây xanh trên đường Hùng Vương nhiều cây đã mục gốc, cần kiểm tra và cắt tỉa trước mùa mưa bão.',
  'Khi lấy ý kiến nên tổ chức họp ở từng tổ dân phố vì nhiều người già không dùng điện thoại thông minh.',
  'Đề nghị bỏ quy định thu phí đối với hộ không có người ở thường xuyên.',
  'Nên bố trí thùng rác phân loại tại các điểm công cộng và hướng dẫn người dân cách phân loại rác.',
  'Tôi không đồng ý tăng phí, chất lượng thu gom rác hiện nay chưa tốt, nhiều hôm rác để hai ba ngày.',
  'Cần có số điện thoại đường dây nóng để người dân phản ánh khi thấy đổ trộm phế thải xây dựng.',
  // Hard negatives: wording close to a text above, a different request.
  'Đề nghị tăng mức thu phí vệ sinh đối với hộ kinh doanh, nhà hàng và khách sạn lên gấp đôi.',
  'Chợ phường nên đóng cửa trước 18 giờ để bảo đảm vệ sinh và an ninh khu vực chợ.',
  'Quy định giờ hát karaoke phải kết thúc trước 21 giờ vào các ngày trong tuần và 23 giờ vào cuối tuần.',
  'Tôi không đồng ý với dự thảo vì chưa lấy ý kiến đầy đủ của người dân.',
  'Đề nghị lắp thêm camera an ninh trên tuyến đường Nguyễn Du đoạn gần trường học.',
];

/** Hand-written light edits and paraphrases: [index of the base, text, kind]. */
const HAND: [number, string, Kind][] = [
  [0, 'Đề nghị giảm mức thu phí vệ sinh cho hộ nghèo, cận nghèo và hộ có người khuyết tật còn một nửa ạ.', 'light'],
  [0, 'Kính đề nghị UBND phường giảm mức thu phí vệ sinh đối với hộ nghèo, hộ cận nghèo và hộ có người khuyết tật xuống còn một nửa. Xin cảm ơn.', 'light'],
  [0, 'Những gia đình nghèo, cận nghèo hay có người tàn tật chỉ nên đóng 50% tiền rác thôi.', 'paraphrase'],
  [1, 'Chợ phường nên mở cửa từ 5h sáng để người bán rau kịp bày hàng trước khi đi làm.', 'light'],
  [1, 'Nên cho chợ hoạt động sớm hơn, khoảng năm giờ, để bà con bán rau còn kịp dọn hàng.', 'paraphrase'],
  [2, 'Cần bố trí thêm bãi gửi xe máy ở đầu hẻm 12, hiện nay xe đậu tràn ra lòng đường gây ùn tắc giao thông.', 'light'],
  [3, 'Quy định giờ hát karaoke phải kết thúc trước 22h, nếu vi phạm thì xử phạt theo quy định.', 'light'],
  [3, 'Hát karaoke quá 10 giờ đêm thì phải phạt, ồn ào lắm.', 'paraphrase'],
  [4, 'Tôi hoàn toàn đồng ý với dự thảo, không có ý kiến gì thêm.', 'light'],
  [4, 'Nhất trí với dự thảo.', 'paraphrase'],
  [7, 'Việc thu gom rác nên làm vào buổi tối sau 19 giờ để tránh mùi hôi ảnh hưởng tới học sinh đi học.', 'light'],
  [7, 'Xe rác đi lúc sáng sớm đúng giờ các cháu đi học, hôi lắm, nên chuyển sang buổi tối.', 'paraphrase'],
  [10, 'Mức phạt với hành vi đổ rác không đúng nơi quy định còn quá thấp, đề nghị tăng lên.', 'light'],
  [13, 'Nên có hình thức nộp phí qua chuyển khoản ngân hàng, ví điện tử cho tiện.', 'light'],
  [13, 'Cho phép đóng tiền qua app ngân hàng hay Momo thì đỡ phải chờ người đến thu.', 'paraphrase'],
  [15, 'Cống thoát nước ở tổ dân phố 4 thường xuyên bị tắc, mỗi lần mưa lớn là nước ngập tới đầu gối.', 'light'],
  [22, 'Người cao tuổi sống một mình cần được miễn hoàn toàn phí vệ sinh.', 'light'],
  [22, 'Các cụ già neo đơn thì không nên thu tiền rác.', 'paraphrase'],
  [28, 'Tôi không đồng ý tăng phí vì chất lượng thu gom rác hiện nay chưa tốt, nhiều hôm rác để 2, 3 ngày.', 'light'],
  [28, 'Rác còn để mấy ngày mới thu mà lại đòi tăng tiền là không hợp lý.', 'paraphrase'],
];

/** A small deterministic generator, so the set (and the figures) are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = ['ạ', 'nhé', 'rất', 'thêm', 'cụ thể', 'hiện nay'];
const GREETINGS = ['Kính gửi UBND phường.', 'Tôi xin góp ý như sau:', 'Ý kiến của gia đình tôi:'];
const SIGNATURES = ['Trân trọng cảm ơn.', 'Xin cảm ơn.', '(Người dân tổ 5)'];
const TYPOS: [RegExp, string][] = [
  [/ư/, 'u'],
  [/ệ/, 'ê'],
  [/ả/, 'a'],
  [/ộ/, 'ô'],
  [/đ/, 'd'],
];

/** Exact copies as people (or their phones) send them. */
function identicalVariants(text: string): string[] {
  return [text, text.normalize('NFD'), `  ${text.toUpperCase()}  `, text.replace(/[,.]/g, '').replace(/ /g, '  ')];
}

/** One or two small edits of the text. */
function lightVariant(text: string, random: () => number): string {
  const words = text.split(' ');
  const edits = 1 + Math.floor(random() * 2);
  let out = words;
  let prefix = '';
  let suffix = '';
  for (let e = 0; e < edits; e++) {
    const op = Math.floor(random() * 5);
    const at = Math.floor(random() * out.length);
    if (op === 0 && out.length > 6) out = out.filter((_, i) => i !== at);
    else if (op === 1) out = [...out.slice(0, at), FILLERS[Math.floor(random() * FILLERS.length)], ...out.slice(at)];
    else if (op === 2) prefix = `${GREETINGS[Math.floor(random() * GREETINGS.length)]} `;
    else if (op === 3) suffix = ` ${SIGNATURES[Math.floor(random() * SIGNATURES.length)]}`;
    else {
      const [from, to] = TYPOS[Math.floor(random() * TYPOS.length)];
      out = out.map((w, i) => (i === at ? w.replace(from, to) : w));
    }
  }
  return prefix + out.join(' ') + suffix;
}

export function labelledSet(seed = 2025): LabelledComment[] {
  const random = rng(seed);
  const items: LabelledComment[] = [];
  BASES.forEach((text, cluster) => {
    items.push({ text, cluster, kind: 'base' });
    // Every other base has copies and edits; the rest stay alone (unrelated comments).
    if (cluster % 2 === 1 && cluster < 30) return;
    for (const v of identicalVariants(text).slice(1)) items.push({ text: v, cluster, kind: 'identical' });
    for (let i = 0; i < 3; i++) items.push({ text: lightVariant(text, random), cluster, kind: 'light' });
  });
  for (const [cluster, text, kind] of HAND) items.push({ text, cluster, kind });
  return items;
}

export type PairScores = {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  recallByKind: Record<string, { found: number; of: number }>;
};

/** Precision and recall over pairs: a pair is "grouped" when both items are in one predicted group. */
export function scorePairs(items: LabelledComment[], groups: number[][]): PairScores {
  const groupOf = new Map<number, number>();
  for (const [gi, g] of groups.entries()) for (const i of g) groupOf.set(i, gi);
  let tp = 0;
  let predicted = 0;
  let truePairs = 0;
  const recallByKind: Record<string, { found: number; of: number }> = {};
  const rank: Record<Kind, number> = { base: 0, identical: 1, light: 2, paraphrase: 3 };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const same = items[i].cluster === items[j].cluster;
      const grouped = groupOf.has(i) && groupOf.get(i) === groupOf.get(j);
      if (grouped) predicted++;
      if (same) {
        truePairs++;
        if (grouped) tp++;
        // A pair is as hard as its harder member (paraphrase > light > identical).
        const kind = rank[items[i].kind] >= rank[items[j].kind] ? items[i].kind : items[j].kind;
        const k = kind === 'base' ? 'identical' : kind;
        recallByKind[k] ??= { found: 0, of: 0 };
        recallByKind[k].of++;
        if (grouped) recallByKind[k].found++;
      }
    }
  }
  return { precision: predicted ? tp / predicted : 1, recall: truePairs ? tp / truePairs : 1, truePairs, predictedPairs: predicted, recallByKind };
}
