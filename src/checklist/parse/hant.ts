/**
 * Traditional characters and Cantonese are read as simplified Mandarin, so every rule written for "认证了",
 * "还没", "不需要" also reads "認證了", "仲未", "唔需要". Each replacement keeps the length (one UTF-16 unit for
 * one), so offsets into the text stay the client's: the reader maps a value back to the characters as written
 * (normalize.ts `original`), and stores those.
 *
 *   toMandarin('認證都搞掂咗') // '认证都搞定了'
 */

/** Traditional → simplified, one character each (pairs). Characters whose simplified form is ambiguous (係, 著, 覆) are not here. */
const PAIRS =
  '認认 證证 註注 冊册 帳账 賬账 號号 還还 沒没 設设 權权 審审 請请 們们 個个 這这 說说 説说 開开 發发 髮发 過过 後后 會会 應应 該该 時时 間间 ' +
  '頁页 訊讯 誤误 錯错 類类 務务 網网 絡络 體体 驗验 員员 單单 業业 經经 營营 許许 門门 顯显 圖图 標标 樣样 讓让 給给 點点 從从 對对 ' +
  '麼么 為为 爲为 無无 與与 場场 區区 東东 華华 廣广 買买 賣卖 價价 錢钱 費费 帶带 線线 連连 結结 總总 據据 處处 關关 閉闭 機机 優优 購购 ' +
  '車车 禮礼 樂乐 聽听 讀读 寫写 書书 風风 飲饮 館馆 飯饭 雞鸡 燒烧 臘腊 鋪铺 舖铺 產产 質质 資资 訂订 團团 隊队 維维 護护 雲云 備备 雜杂 ' +
  '選选 項项 題题 問问 啟启 狀状 態态 傳传 變变 換换 動动 現现 實实 際际 測测 試试 響响 頭头 條条 級级 紀纪 錄录 戶户 滿满 嗎吗 聯联 ' +
  '親亲 師师 議议 論论 計计 劃划 畫画 邊边 運运 達达 適适 須须 顧顾 預预 領领 額额 觀观 視视 覺觉 評评 詢询 詳详 語语 誰谁 課课 調调 談谈 ' +
  '講讲 謝谢 識识 譯译 負负 財财 責责 貨货 軟软 輕轻 較较 載载 辦办 農农 進进 違违 郵邮 醫医 銀银 銷销 鍵键 鎖锁 長长 閱阅 闆板 陽阳 陳陈 ' +
  '險险 隨随 雙双 雖虽 離离 難难 順顺 驚惊 麗丽 齊齐 龍龙 熱热 爭争 獎奖 獨独 當当 盡尽 確确 稱称 穩稳 簡简 簽签 紅红 約约 純纯 紙纸 細细 ' +
  '組组 終终 絕绝 統统 綁绑 綠绿 緊紧 編编 練练 續续 義义 習习 聲声 職职 興兴 舉举 舊旧 藝艺 萬万 葉叶 藥药 補补 裝装 製制 複复 復复 覽览 ' +
  '討讨 記记 話话 誠诚 謹谨 贏赢 轉转 遞递 醬酱 錶表 鍋锅 鐘钟 鐵铁 靈灵 願愿 養养 餘余 騙骗 鬥斗 鮮鲜 鹽盐 內内 兩两 劉刘 協协 參参 嚴严 ' +
  '國国 報报 壓压 夢梦 夠够 學学 寶宝 將将 專专 導导 幫帮 幾几 廠厂 廳厅 張张 強强 徵征 懷怀 戰战 擇择 擊击 數数 斷断 暫暂 來来 極极 樓楼 ' +
  '樹树 橋桥 檢检 歡欢 歲岁 歷历 曆历 氣气 漢汉 滬沪 濟济 灣湾 燈灯 瑪玛 種种 積积 範范 緒绪 羅罗 聞闻 腦脑 臺台 蘇苏 虧亏 裡里 裏里 觸触 ' +
  '託托 貴贵 賞赏 趨趋 輛辆 輸输 遊游 錦锦 鎮镇 閒闲 陣阵 電电 靜静 頻频 飛飞 騎骑 億亿 僅仅 儲储 兒儿 凍冻 劇剧 勝胜 勞劳 勢势 卻却 員员 ' +
  '喚唤 團团 圍围 圓圆 執执 堅坚 塊块 墊垫 壞坏 奮奋 媽妈 孫孙 寧宁 寬宽 尋寻 屬属 島岛 幣币 幹干 乾干 庫库 彈弹 彎弯 憂忧 戲戏 掃扫 掛挂 ' +
  '採采 揀选 損损 搖摇 搶抢 擁拥 擔担 擠挤 擴扩 擺摆 攝摄 攜携 敗败 敘叙 晉晋 曉晓 書书 條条 構构 槍枪 檔档 欄栏 歸归 殘残 殺杀 殼壳 毀毁 ' +
  '漲涨 潔洁 潛潜 濕湿 滅灭 災灾 煩烦 爐炉 牆墙 猶犹 獲获 穫获 環环 療疗 盜盗 眾众 衆众 礙碍 禍祸 窮穷 竊窃 筆笔 節节 篩筛 縮缩 繩绳 繪绘 ' +
  '罷罢 膚肤 膽胆 臟脏 艱艰 莊庄 萊莱 蘋苹 蝦虾 襪袜 詐诈 誕诞 誘诱 諾诺 謊谎 謎谜 譜谱 貧贫 貪贪 賀贺 賓宾 賠赔 賴赖 賺赚 賽赛 贊赞 讚赞 ' +
  '輝辉 輩辈 輯辑 辭辞 遙遥 遺遗 邁迈 醜丑 釣钓 鋼钢 鍾钟 閃闪 闖闯 隸隶 雛雏 韌韧 韻韵 頂顶 頒颁 頑顽 顆颗 飾饰 餃饺 餓饿 驟骤 鬆松 麵面 ' +
  '黃黄 龐庞 鳳凤 鴨鸭 鵝鹅 齡龄 並并 亂乱 吳吴 嘆叹 塗涂 壽寿 奪夺 婦妇 屆届 崗岗 帥帅 廁厕 徑径 拋抛 朧胧 楊杨 榮荣 瓊琼 異异 癢痒 盞盏 ' +
  '睏困 矯矫 祕秘 糰团 糧粮 糾纠 紋纹 納纳 紐纽 絲丝 緣缘 縣县 績绩 繼继 罰罚 聖圣 肅肃 脅胁 腳脚 膠胶 臉脸 艙舱 蔥葱 薦荐 虛虚 蟲虫 術术 ' +
  '衛卫 衝冲 訪访 診诊 詞词 詩诗 誇夸 誌志 諒谅 諸诸 謀谋 謠谣 貌貌 販贩 貸贷 贈赠 趕赶 跡迹 踐践 躍跃 軍军 軌轨 輔辅 輪轮 辯辩 邏逻 鄉乡 ' +
  '釋释 針针 鈔钞 釘钉 鈴铃 鉛铅 銅铜 鏡镜 鑰钥 閣阁 闊阔 陸陆 隱隐 陰阴 雞鸡 霧雾 韓韩 頌颂 頓顿 頗颇 顏颜 飄飘 飽饱 餅饼 騰腾 驅驱 髒脏 ' +
  '魯鲁 鳴鸣 鴻鸿 鷹鹰 黴霉 齒齿 億亿 瞭了 夥伙 臺台 颱台 鬍胡 隻只 衹只 佔占 週周 麪面 線线 纔才 啓启 綫线 訊讯 資资 捨舍 彙汇 匯汇 ' +
  '圖图 獻献 貢贡 顯显 檯台 憑凭 擬拟 攤摊 歐欧 淚泪 溝沟 濃浓 瀏浏 瀾澜 灑洒 燦灿 獅狮 瘋疯 盤盘 監监 碼码 礎础 禁禁 穀谷 窩窝 競竞 ' +
  '築筑 籃篮 籤签 紮扎 紳绅 綜综 緩缓 緯纬 縱纵 繫系 繳缴 纖纤 羨羡 聰聪 腫肿 膩腻 舊旧 艦舰 蓋盖 蔭荫 藍蓝 蘭兰 褲裤 覓觅 訣诀 詮诠 誼谊 ' +
  '謙谦 譽誉 讀读 豐丰 豬猪 貓猫 賦赋 賤贱 贓赃 蹤踪 軀躯 轄辖 轎轿 違违 遜逊 遷迁 邀邀 酬酬 醞酝 鈕钮 鋒锋 錯错 鍊炼 遲迟 餵喂 鎊镑 鏟铲 鑑鉴 鑒鉴 ' +
  '閘闸 闡阐 陝陕 雋隽 霸霸 靂雳 鞏巩 頰颊 頸颈 顛颠 颳刮 饅馒 饒饶 馬马 駐驻 駕驾 驗验 骯肮 魚鱼 鯨鲸 鳥鸟 鹹咸 麥麦 黨党 點点 齣出';

/** Cantonese words and characters → Mandarin of the same length, applied after the characters are simplified. */
const CANTONESE_WORDS: readonly (readonly [string, string])[] = [
  ['唔该', '谢谢'],
  ['唔使', '不用'],
  ['唔驶', '不用'],
  ['唔洗', '不用'],
  ['关係', '关系'],
  ['联係', '联系'],
  ['係咪', '是不'],
  ['有冇', '有没'],
  ['搞掂', '搞定'],
  ['弄掂', '弄定'],
  ['乜嘢', '什么'],
  ['咩嘢', '什么'],
  ['点样', '怎样'],
  ['点解', '为何'],
  ['边度', '哪里'],
  ['边个', '哪个'],
  ['听日', '明天'],
  ['琴日', '昨天'],
  ['寻日', '昨天'],
  ['后日', '后天'],
  ['今日', '今天'],
  ['咁样', '这样'],
  ['呢个', '这个'],
  ['呢度', '这里'],
  ['呢题', '这题'],
  ['呢项', '这项'],
  ['呢啲', '这些'],
  ['返嚟', '回来'],
  ['唔该晒', '谢谢了'],
  ['得咗', '好了'],
  ['加埋', '加上'],
  ['等阵', '稍等'],
  ['迟啲', '晚点'],
  ['啱啱', '刚刚'],
  ['而家', '现在'],
  ['点搞', '咋搞'],
  ['点整', '咋整'],
  ['点做', '咋做'],
  ['点弄', '咋弄'],
  ['点加', '咋加'],
  ['点填', '咋填'],
  // Cantonese V紧 is "in progress": 申请紧 = 申请中, 搞紧 = 在搞.
  ['申请紧', '申请中'],
  ['审核紧', '审核中'],
  ['处理紧', '处理中'],
  ['搞紧', '在搞'],
  ['做紧', '在做'],
  ['弄紧', '在弄'],
  ['整紧', '在整'],
  ['办紧', '在办'],
  ['改紧', '在改'],
  ['等紧', '在等'],
  ['待会', '稍后'],
  ['话我知', '告诉我'],
  // Taiwan's words for the same things.
  ['小程式', '小程序'],
  ['伺服器', '服务器'],
  ['网域', '域名'],
  ['简讯', '短信'],
  ['讯息', '消息'],
  ['金流', '支付'],
  ['登入', '登录'],
  ['软体', '软件'],
  ['推播', '推送'],
  ['回覆', '回复'],
  ['覆你', '复你'],
];

/** Cantonese characters with one Mandarin reading here; 仲 is 还 only before what it qualifies ("仲未", "仲係"). */
const CANTONESE_CHARS: Readonly<Record<string, string>> = {
  唔: '不',
  冇: '没',
  咗: '了',
  嘅: '的',
  喺: '在',
  哋: '们',
  佢: '他',
  畀: '给',
  俾: '给',
  睇: '看',
  嗰: '那',
  嚟: '来',
  啲: '些',
  揾: '找',
  攞: '拿',
  係: '是',
  咩: '啥',
  㗎: '啊',
};

const SIMPLIFIED = new Map<string, string>();
for (const pair of PAIRS.split(' ')) {
  const [from, to] = [...pair];
  if (from && to && from !== to) SIMPLIFIED.set(from, to);
}

const STILL = /^仲(?=[未冇没有是係要喺在])/;

/** The text in simplified Mandarin, the same length: traditional characters simplified, Cantonese words replaced. */
export function toMandarin(text: string): string {
  let simple = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    simple += SIMPLIFIED.get(c) ?? c;
  }
  if (!/[\u3400-\u9fff]/.test(simple)) return simple;
  let out = '';
  let i = 0;
  while (i < simple.length) {
    const word = CANTONESE_WORDS.find(([from]) => simple.startsWith(from, i));
    if (word) {
      out += word[1];
      i += word[0].length;
      continue;
    }
    const c = simple[i] ?? '';
    // 喇 closes a sentence like 了 ("加咗喇"), except in 喇叭 / 喇嘛.
    const closes = c === '喇' && !/[叭嘛]/.test(simple[i + 1] ?? '');
    out += STILL.test(simple.slice(i, i + 2)) ? '还' : closes ? '了' : (CANTONESE_CHARS[c] ?? c);
    i += 1;
  }
  return out;
}
