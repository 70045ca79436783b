"""Word lists driving classification: units and the kind they imply, hedge
words, context triggers and the curated idiom list.

All lists are plain module data so that users can read them; the scanner
compiles them once at import (see :func:`gireport.numbers.scan.register_idioms`
to add idioms at run time).
"""

from __future__ import annotations

__all__ = [
    "HEDGE_BLOCKERS",
    "HOTLINES",
    "IDIOMS",
    "POST_HEDGES",
    "PREFIX_HEDGES",
    "TIME_UNITS",
    "TRIGGERS",
    "UNIT_KINDS",
]

# unit → kind.  Units are matched longest first right after the number (and
# after 多/余).  Kinds outside QUANTITY_KINDS make the number a non-quantity.
UNIT_KINDS: dict[str, str] = {}


def _add(kind: str, words: str) -> None:
    for w in words.split():
        UNIT_KINDS[w] = kind


_add("money", "元 美元 港元 欧元 日元 英镑 澳元 元钱 块钱 角")
_add("points", "个百分点 百分点")
_add("percent", "成")
_add("multiple", "倍")
_add(
    "duration",
    "个工作日 工作日 个自然日 自然日 个月 个星期 星期 个小时 小时 分钟 秒钟 学时 课时 个季度 周 天 周年 年",
)
_add(
    "count",
    # people and cases
    "人次 人天 人日 户次 家次 件次 条次 项次 批次 卷次 册次 个次 场次 篇次 期次 台次 架次 车次 "
    "人 名 位 户 家 例 起 宗 单 笔 件 条 份 项 个 次 卷 册 本 部 套 台 辆 艘 架 座 所 处 间 张 页 "
    "幅 篇 期 场 批 种 类 组 支 块 封 通 首 集 段 节 轮 档 栏 栏目 部分 大类 小类 大项 小项 方面 "
    # measures
    "平方公里 平方千米 平方米 立方米 公里 千米 海里 米 公顷 亩 吨 公斤 千克 斤 升 千瓦时 千瓦 兆瓦 岁",
)
_add("address", "号楼 号院 楼 层 室 栋 幢 单元")
_add("ordinal", "届 等奖 级")
_add("id", "号")

#: Units measuring time.  多/余/内 may follow them ("一个多月", "3日内").
TIME_UNITS = frozenset("个工作日 工作日 个自然日 自然日 个月 个星期 星期 个小时 小时 分钟 学时 课时 个季度 周 天 年 日 周年".split())

#: Hedges written before the number → the rule they stand for (see
#: ``Number.interval``).  Longest match wins.
PREFIX_HEDGES: dict[str, str] = {}
for _w in "约 大约 约为 约有 大概 大致 估计 预计 大体".split():
    PREFIX_HEDGES[_w] = "about"
for _w in "近 将近 接近 近乎 逼近 几近 差不多".split():
    PREFIX_HEDGES[_w] = "nearly"
for _w in "不足 不到 不满 未满 未达 少于 低于 小于".split():
    PREFIX_HEDGES[_w] = "below"
for _w in "不超过 未超过 不高于 不多于 最多 至多 最高 最长".split():
    PREFIX_HEDGES[_w] = "at_most"
for _w in "超过 超 逾 多于 高于 大于 超出".split():
    PREFIX_HEDGES[_w] = "above"
for _w in "不少于 不低于 至少 最少 最低 起码".split():
    PREFIX_HEDGES[_w] = "at_least"

#: Hedges written after the number and its unit.
POST_HEDGES: dict[str, str] = {
    "左右": "about",
    "上下": "about",
    "前后": "about",
    "以上": "at_least",
    "之上": "at_least",
    "开外": "above",
    "以下": "at_most",
    "以内": "at_most",
    "之内": "at_most",
    "内": "at_most",
    "有余": "more",
    "出头": "more",
    "多": "more",
    "余": "more",
}

#: A one-character prefix hedge does not count when the character before it
#: turns it into another word (节约 制约 预约 / 最近 附近 / 赶超).
HEDGE_BLOCKERS: dict[str, str] = {
    "约": "节制预签合公相违履契特邀条誉践婚",
    "近": "最附邻就远靠亲贴将接几逼",
    "超": "赶高",
    "逾": "",
}

#: Words before a bare Chinese numeral (no unit after it) that make it a
#: quantity, e.g. "申请数为三。"
TRIGGERS = (
    "共计 合计 总计 累计 共有 计有 达到 增加 减少 新增 增长 下降 提高 降低 上升 分别为 "
    "共 计 达 为 有 占"
).split()

#: Words containing numeral characters that are not quantities.  Only words
#: that the context rule would otherwise accept need to be listed (a numeral
#: followed by no unit, e.g. 统一 or 一般, is dropped anyway); the others are
#: kept here for documentation and safety.
IDIOMS = tuple(
    """
    一次性 一站式 一体化 一对一 一门式 一窗式 一窗受理 一网通办 一网统管 一件事 一次办 一次办好 一次办成
    跑一次 一次告知 一次性告知 一条龙 一把手 一盘棋 一张网 一张图 一张表 一个窗口 一扇门 一号响应 一口受理
    一事一议 一户一档 一人一档 一企一策 一村一品 一案一档 一事一办 一岗双责 一案双查 一票否决 一刀切
    一成不变 一对一服务 一带一路 一国两制 一点一滴 一举两得 一心一意 一如既往 一以贯之 一目了然 一应俱全
    一线 一流 一些 一般 一直 一致 一切 一定 一样 一律 一旦 一并 一经 一起 一时 一度 一方面 一系列 一部分
    一段时间 一手 一体 一同 一道 一举 一番 一下 一贯 一再 一向 一味 一览 一览表
    统一 唯一 同一 单一 逐一 之一 万一 进一步 第一时间 专一 合一 归一 不一 划一
    十分 百姓 老百姓 千方百计 千家万户 万众一心 百花齐放 十全十美 九牛一毛 三令五申 五花八门 四面八方
    三公 三公经费 五险一金 三险一金 四险一金 十四五 十三五 十二五 十一五 十五五 五年规划
    十八大 十九大 二十大 两会 三农 四风 两学一做 三严三实 三会一课 三重一大 两个维护 两个确立 四个意识
    四个自信 四个全面 三个代表 五位一体 三位一体 八项规定 中央八项规定 两个一百年 三个一 五个中心
    双随机一公开 一公开 三级联动 三安全一稳定 几年来 近几年 这几年 几个方面 一个中心 两个基本点
    十佳 百强 百佳 一中 二中 三中 三亚 百度 万家灯火 一审 二审
    一项重要 一份份 每一 每发一份 每一份 下一年 上一年 下一年度 上一年度 下一步 上一级 下一级 一级 二级 三级
    """.split()
)

#: Service hotlines (phone numbers printed like counts).
HOTLINES = frozenset(
    "110 119 120 122 12345 12315 12318 12319 12320 12328 12331 12333 12336 12338 12348 12351 12355 "
    "12358 12365 12366 12369 12377 12380 12388 12390 12393 96166".split()
)
