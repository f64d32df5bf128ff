"""Simplified Chinese warning-sign phrases, and the hyperbole that must stay quiet (笑死, 累死了, 想死你了).

Everyday Chinese uses 死 as an intensifier all day long, so no rule matches 死
on its own: every pattern is a whole phrase ("不想活了", "死了算了", "想死"), and
the "X得…" construction with a bodily state before it ("热得不想活了",
"饿得想死") is hyperbole. Subjects are often dropped in Chinese, so a phrase
with no subject is read as the writer speaking about themselves. Sections follow
the same clinical categories as the English rules (C-SSRS ideation and
behaviour, then self-harm and the risk states), with the spoken, written and
internet forms of each (想死/想s, 自杀/轻生/紫砂, 自残/割腕/划手腕, 遗书/后事).
"""

from __future__ import annotations

import re

from journal.safety import families_zh
from journal.safety.rules import LanguageContext, first_letter_alternation, rule

# A bodily or everyday state that makes the death phrase after it hyperbole: 热得不想活了, 累得想死, 美得我想死.
_STATE = r"(?:好吃|好看|好听|笑|热|冷|饿|困|累|忙|渴|烦|气|吓|疼|痛|无聊|尴尬|羞|撑|美|帅|香|甜|酸|辣|晒|冻|挤|吵|懒|馋|急|爽|开心|高兴|激动|感动|羡慕|嫉妒)"
_HYPERBOLE_BEFORE = (r"(?:" + _STATE + r"(?:得|的|到)?|(?:加班|工作|上班|学习|写作业|复习|开会|考试|熬夜)[^,。]{0,3}(?:得|到))"
                     r"(?:我|人)?(?:都|简直|真|好|快)?(?:要)?$|^简直$")
# Missing someone: 想死你了, 想死我了 (你可想死我了), 想死你们了.
_MISS_SOMEONE = r"你|您|他|她|它|我了|我啦|你们|我们|人了|人啦|大家|宝贝|爸|妈"
_INTENT = r"(?:想|要|打算|准备|计划|考虑|决定|试过|尝试|企图|差点|想过|想要|干脆|真想|好想|恨不得)"
_ACCIDENT = r"不小心|切菜|削|刮胡子|意外|摔|做饭|剪指甲|开罐头|被.{0,4}割"
_LEAVING = r"同事|离职|毕业|公司|团队|退休|搬家|学生|老师|同学们|欢送|辞职|辞呈|跳槽|老板|出国|留学"
_GIVING_AWAY_OK = r"捐|二手|闲鱼|搬家|搬去|搬到|出国|断舍离|旧|不穿|穿不下|用不完|分享"

# Places people go to die, and travel that makes "不回来了" only a trip.
_DANGER_PLACE = r"海边|江边|河边|湖边|海里|河里|江里|湖里|桥上|大桥|山上|悬崖|崖边|铁轨|楼顶|天台|水库"
_TRAVEL = r"旅游|旅行|度假|玩|住|出差|几天|一周|出国|留学|定居|工作|餐厅|店|饭|吃"

RULES = (
    # --- wish to be dead: a passive wish not to live or not to wake up (C-SSRS 1) -----------------
    rule("wish_to_be_dead", "crisis", r"不想(?:再)?活(?:了|下去|着)?",
         unless_before=_HYPERBOLE_BEFORE, unless_after=r"在|成|得像|给", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?<!不)想死(?!机|党|磕|心塌地)",
         unless_before=_HYPERBOLE_BEFORE, unless_after=_MISS_SOMEONE, soften_after=r"的心都有", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"活着(?:真|好|太|很|真的|都)?(?:没|没有)(?:意思|意义|劲)|活着(?:到底|究竟|还|又)*有(?:什么|啥)(?:意思|意义|用)|"
         r"活着(?:真的)?(?:毫无|没有任何)意义|活下去(?:还|又)?有(?:什么|啥)意义", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"活不下去", unless_before=_HYPERBOLE_BEFORE,
         soften_sentence=r"穷|房租|工资|钱|物价|房价|房贷", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:想|要)?离开这个世界", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"死了(?:就|也)?(?:算了|一了百了|解脱了?|干净|好了|比较好)|(?:不如|还不如)死了",
         unless_before=r"(?:" + _STATE + r")(?:得|的)?$", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"不想(?:再)?醒(?:来|过来)|(?:永远|再也)(?:都)?不(?:要|想|会)?(?:再)?醒(?:来|过来)|睡(?:过去|着|下)(?:了)?(?:就)?(?:再也)?不(?:要|想)?(?:再)?醒|"
         r"一睡不醒|永远(?:睡|不要醒)",
         unless_sentence=r"上班|上学|闹钟|周末|假期|早起|早上", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"死了(?:也|都)?(?:没人|没有人|不会有人)(?:会)?(?:在乎|关心|难过|哭|发现|在意|注意)", subject_sensitive=False, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"不配活(?:着|下去)?", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:没有|找不到|没了)活下去的(?:理由|意义|勇气|动力|希望)", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "concern", r"想一了百了|想不开", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:希望|但愿|真想|好想|只想)[^。]{0,10}(?:以后|之后|就|永远)(?:别|不要|不用|不会|再也不)(?:再)?醒(?:了|来|过来)?",
         unless_sentence=r"上班|上学|闹钟|周末|假期|早起|早上|那么早|中午|睡到|懒觉", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"为什么(?:还要|还得|要)(?:醒来|醒过来|活着|活下去)", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"不想(?:再)?存在(?:了|下去)?|(?:想|希望)(?:自己)?(?:从来)?(?:没|没有)存在过", sign="suicidal_ideation"),
    # 想s: the internet spelling of 想死, read like it.
    rule("wish_to_be_dead", "crisis", r"(?<!不)想[sS](?![a-zA-Z])", unless_before=_HYPERBOLE_BEFORE, unless_after=_MISS_SOMEONE),
    rule("wish_to_be_dead", "crisis",
         r"醒不(?:过)?来(?:就好了|多好|也好|算了|才好)|(?:要是|如果|但愿|希望)[^。]{0,8}(?:醒不(?:过)?来|不会再?醒)",
         unless_sentence=r"上班|上学|闹钟|周末|假期|早起|早上|懒觉|睡到"),
    rule("wish_to_be_dead", "crisis", r"活下去(?:也|都)?(?:没有?|毫无)(?:任何)?(?:意义|意思)"),
    # --- thoughts of killing oneself: active suicidal thoughts, without a method yet (C-SSRS 2) ---
    rule("suicidal_thoughts", "crisis", _INTENT + r"(?:过|着|要|去)?自杀|怎么自杀|自杀(?:的)?(?:念头|想法|冲动|计划|倾向)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"轻生(?:的)?(?:念头|想法)|想轻生|寻死|寻短见|一死了之|自我了断|了断自己|了结(?:自己|生命|此生)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"结束(?:这一切|一切|自己的?生命|生命|我的生命|自己)(?!联系|关系|合作|工作)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"死(?:了)?(?:才|就)(?:能|可以|会)?(?:解脱|结束|一了百了|不痛苦)|只有(?:去)?死(?:才|这)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"(?:想|就|不如|干脆)(?:就)?这样结束(?:吧|算了|了)?(?=[,。!…~]|$)", sign="suicidal_ideation"),
    # 紫砂: the internet homophone of 自杀 (never the teapot clay: 紫砂壶, 紫砂锅).
    rule("suicidal_thoughts", "crisis", r"紫砂(?!壶|锅|杯|泥|陶|器|茶|盆|煲)"),
    rule("suicidal_thoughts", "crisis", r"(?:想到|想起|想着|念着)[^,。]{0,2}自杀|把自己(?:了结|了断|结束|杀)(?:了|掉)?"),
    rule("suicidal_thoughts", "crisis", r"(?:自己|我)死(?:掉|了)?的(?:画面|样子|场景)", needs_sentence=r"想(?:这么|这样)做|真的想|好想|就想"),
    rule("suicidal_thoughts", "concern", r"(?:自己|我)死(?:掉|了)?的(?:画面|样子|场景)", sign="death_images"),
    # --- method and means: how, with what, from where (C-SSRS 3): pills counted or saved, a rope, a height ---
    rule("method", "crisis",
         _INTENT + r"(?:去|从[^,。]{0,8})?(?:跳楼|跳河|跳江|跳海|跳桥|卧轨|上吊|烧炭|割腕|服毒|喝农药|跳下去|撞车|开煤气|吃安眠药)", sign="plan_or_means"),
    rule("method", "crisis", r"跳楼|割腕|上吊|卧轨|烧炭|服毒|喝农药",
         unless_after=r"价|大?甩卖|大?减价|清仓|大?促销|式", sign="plan_or_means"),
    rule("method", "crisis", r"(?:攒|囤|存|收集|藏)(?:了|着)?[^,。]{0,8}(?:安眠药|安定|药片|抗抑郁药)", sign="plan_or_means"),
    rule("method", "crisis",
         r"(?:一整瓶|一瓶|全部|所有的?|一把)(?:的)?(?:安眠药|药片|药)|(?:安眠药|药)(?:全|都)(?:吃|吞)(?:了|掉|下)", sign="plan_or_means"),
    rule("method", "crisis", r"(?:吃|吞)(?:了|下)?(?:很多|好多|一大把|一把|一整瓶|一瓶|所有的?|全部的?)(?:的)?(?:安眠)?(?:药|药片)", sign="plan_or_means"),
    rule("method", "crisis", r"(?:吃|吞)(?:多少|几)(?:片|颗|粒)[^,。]{0,6}(?:会|能|才会|才能|可以)(?:死|致死)|致死量", sign="plan_or_means"),
    rule("method", "crisis",
         r"(?:怎么|如何|怎样)(?:死|自杀)(?:最|比较|才)?(?:不痛苦|没有痛苦|没痛苦|快|不疼|不痛)|无痛(?:的)?(?:死法|自杀)|"
         r"(?:查|搜)(?:了|过)?[^,。]{0,6}(?:死法|自杀方法|自杀的方法)", sign="plan_or_means"),
    rule("method", "crisis", r"炭[^,。]{0,4}胶带|胶带[^,。]{0,4}炭", sign="plan_or_means"),
    rule("method", "crisis", r"(?:站在|爬上|上了|坐在)(?:楼顶|天台|桥上|阳台边|窗台)[^。]{0,12}(?:跳|往下看)", sign="plan_or_means"),
    rule("method", "crisis", r"(?:天台|楼顶|桥上|阳台|窗台|楼上)[^。]{0,16}跳(?:下去|了下去)|(?:差点|险些|几乎)(?:就)?(?:跳下去|跳楼|跳河|割腕|吞药)", sign="plan_or_means"),
    rule("method", "crisis", r"(?:桥|楼|天台|楼顶|悬崖|阳台)[^,。]{0,6}(?:有)?多高", needs_sentence=r"够|跳|摔|下去|活", sign="plan_or_means"),
    rule("method", "crisis", r"(?:安眠药|药片|药)[^,。]{0,4}(?:攒|存|囤|备)(?:够|齐|好)(?:了)?", unless_sentence=r"出发|旅行|旅游|出差|行李|高原|晕车|晕船|感冒|发烧|退烧|以防万一|备用|常备",
         sign="plan_or_means"),
    rule("method", "crisis", r"(?:差点|险些|几乎|差一点)(?:就)?(?:翻|跨|迈|爬)(?:了)?(?:过去|出去|下去)|(?:差点|险些|差一点)(?:就)?松手",
         needs_sentence=r"阳台|楼顶|天台|栏杆|桥|窗|楼", sign="plan_or_means"),
    rule("method", "crisis",
         r"(?:查|搜|看|打听)(?:好|了|过)*[^,。]{0,6}(?:哪|什么)(?:座|个|栋|里|儿)?(?:桥|楼|大楼|天台|楼顶|悬崖)(?:最高|够高|最合适)|"
         r"(?:桥|楼|楼顶|天台|悬崖)(?:最高|够高)(?=[^。]{0,8}(?:跳|死|下去))"),
    rule("method", "crisis", r"(?:吃|吞)(?:多少|几)(?:片|颗|粒|瓶)?(?:的)?(?:安眠药|药片|药)?[^,。]{0,4}(?:会|能|才会|才能|可以)(?:死|致死|睡过去)"),
    rule("method", "crisis", r"(?:吃完|吞下|吃了|吞了|吃掉)(?:这些|所有的?|全部的?|这瓶|一整瓶)(?:安眠)?药[^。]{0,8}(?:结束|解脱|不用再|睡过去|一了百了)"),
    rule("method", "crisis", r"(?:从|往)(?:这里|这儿|楼上|窗户?|阳台|天台|楼顶|桥上)[^,。]{0,4}跳(?:下去|了)"),
    # --- intent: the writer means to act (C-SSRS 4): decided, ready, going to, this time for real ---
    rule("intent", "crisis", r"(?:想|要|就|决定|准备|打算|应该|该|还是|不如|怎么还不|干脆)(?:要)?去死", sign="suicidal_ideation"),
    # --- plan: a time, a place or the means fixed (C-SSRS 5): a date, tonight, the bridge and no return ---
    rule("plan", "crisis", r"想好了?(?:要)?(?:怎么|在哪里?|哪天|什么时候)(?:去)?死", sign="plan_or_means"),
    rule("plan", "crisis", r"(?:就|再也|然后)?(?:不|别)(?:再)?(?:回来|出来|上来)了|走进(?:海|江|河|湖|水)(?:里)?",
         needs_sentence=_DANGER_PLACE, unless_sentence=_TRAVEL, sign="plan_or_means"),
    rule("plan", "concern", r"日子(?:已经)?(?:定|选)(?:在|好了)",
         unless_sentence=r"婚|搬|聚|会议|面试|考|出发|航班|飞机|手术|开学|发布|上线|活动|生日|旅|约|订|装修|开业|答辩", sign="plan_timeline"),
    rule("plan", "crisis", r"(?:计划|想|安排|准备|决定|打算)好了?(?:要)?(?:怎么|在哪里?|哪天|什么时候|何时|用什么)(?:去)?(?:死|自杀|结束自己|了结)"),
    rule("plan", "crisis", r"一了百了", needs_sentence=_DANGER_PLACE + r"|今晚|明天|周[一二三四五六日末]|吃药|安眠药"),
    rule("plan", "crisis", r"(?:时间|地点|日子|方法|地方)(?:和|跟|、)(?:时间|地点|日子|方法|地方)(?:我)?(?:都)?(?:已经)?(?:想好|定好|选好|决定|找好)",
         unless_sentence=r"婚|聚|会议|面试|出发|航班|旅|约会|生日|活动|开业|答辩|搬家|吃饭|饭"),
    # --- preparatory acts: a will, goodbye letters, giving away pets and belongings, settling affairs ---
    rule("preparation", "crisis", r"(?:写|留|准备|写好|写了|写完)(?:了|好了|好)?(?:一封)?遗(?:书|言)|遗书", unless_sentence=r"遗嘱", sign="farewell"),
    rule("preparation", "crisis", r"告别信|绝笔", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "crisis",
         r"(?:信|纸条|留言)[^。]{0,20}(?:等我走了|我走了以后|我不在了|我死了|我离开以后)|"
         r"(?:等我走了|我走了以后|我不在了以后?|我死了以后?)[^。]{0,20}(?:信|纸条|留言)",
         unless_sentence=_LEAVING, subject_sensitive=False, sign="farewell"),
    rule("preparation", "crisis", r"(?:跟|和|向)(?:这个)?世界(?:说)?(?:告别|再见|道别)|告别这个世界", sign="farewell"),
    rule("preparation", "concern", r"(?:跟|和|向)(?:所有人|大家|每个人)(?:说)?(?:告别|再见|道别)", unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"(?:^|[,:])\s*(?:再见|永别了?|别了)(?:了|大家|世界|吧)?\s*[.。!…~]*\s*$", subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"最后一(?:篇|次|条|封)(?:日记|留言|消息|信|动态)",
         unless_sentence=r"今年|这一年|明年|新年|跨年|年底|\d{4}年|这个月|本月|这周|本周|放假|假期|年前|旅行|出发|之前|今天的",
         sign="final_words"),
    rule("preparation", "concern",
         r"把(?:我的)?[^,。]{0,6}(?:东西|衣服|书|猫|狗|家当|收藏)(?:全|都|全都)?(?:送人|送给|送走|送掉|分给|给了别人)",
         unless_sentence=_GIVING_AWAY_OK, subject_sensitive=False, sign="giving_away"),
    rule("preparation", "concern", r"(?:以后|反正|再也|之后)(?:就|也|都)*(?:用不上|用不着|不需要)(?:这些|那些)?(?:东西)?了",
         unless_sentence=r"搬家|毕业|退休|离职|辞职|出国|留学|换了|新的|旧的|课本|教材|长大|宝宝|孩子|装修|减肥|考完|过季",
         subject_sensitive=False, sign="no_future"),   # "把猫送给了邻居，以后就用不上了": the neighbour is no subject
    rule("preparation", "concern", r"(?:就|再也|以后)(?:都)?不(?:会)?(?:再)?(?:回来|来)了",
         unless_sentence=r"公司|学校|这家|那家|餐厅|店|城市|前任|他|她|出国|旅行", sign="no_future"),
    rule("preparation", "crisis", r"(?:银行卡|密码|存款|遗产|财产|保险)[^。]{0,10}(?:写给|交给|留给|告诉)", subject_sensitive=False,
         soften_sentence=r"让|帮|替|代|取钱|缴|交费|买|出差|旅行|住院|手术|备份|忘|方便|临时|改|应急", sign="affairs"),
    rule("preparation", "crisis",
         r"(?:如果|要是|万一|等)我(?:不在了|走了|死了|没了)(?=[^。]*(?:照顾|托付|交给|拜托|替我|帮我|送给|留给|分给|请))", subject_sensitive=False, sign="arrangements"),
    rule("preparation", "concern", r"(?:如果|要是|万一)我(?:不在了|死了|没了)", subject_sensitive=False, sign="arrangements"),
    rule("preparation", "crisis", r"我的后事|(?:安排|准备|交代)(?:好|了)+(?:自己的)?后事", subject_sensitive=False, sign="arrangements"),
    rule("preparation", "concern", r"(?:之后|以后|那天)[^。]{0,6}一切(?:就)?(?:都)?(?:会)?结束(?:了)?",
         unless_sentence=r"考|比赛|项目|假期|学期|工作|忙|装修|搬家|论文|答辩", sign="no_future"),
    rule("preparation", "concern", r"(?:猫|狗|宠物|孩子|花)[^,。]{0,4}(?:托付|交给|送给|送人)|托付给",
         unless_sentence=r"出差|旅行|旅游|几天|一周|寄养|帮忙|回老家|回家|过年|春节|假|搬家|过敏", sign="giving_away"),
    rule("preparation", "concern", r"以后(?:就)?(?:她|他|你|你们|他们)(?:会|来|帮我)?(?:照顾|养|管)(?:它|它们|猫|狗|孩子|宠物|花)",
         unless_sentence=r"出差|旅行|旅游|几天|一周|寄养|帮忙|放假", subject_sensitive=False, sign="no_future"),
    rule("preparation", "concern", r"(?:就)?当(?:是|作|做)(?:最后的?)?(?:告别|道别|再见)", unless_sentence=_LEAVING, subject_sensitive=False,
         sign="farewell"),
    rule("preparation", "crisis", r"后事[^,。]{0,4}(?:交代|安排|准备|处理|写)(?:好|完)", subject_sensitive=False,
         unless_sentence=r"奶奶|爷爷|外婆|外公|姥姥|姥爷|爸爸的|妈妈的|父亲的|母亲的|亲戚|老人|葬礼|去世", sign="arrangements"),
    rule("preparation", "concern", r"以后(?:就)?不(?:用|需要)我(?:再)?(?:养|照顾|管|喂|操心)", subject_sensitive=False,
         sign="no_future"),
    rule("preparation", "concern", r"最后一(?:篇|次|条|封)写(?:日记|留言|信|东西)",
         unless_sentence=r"今年|这一年|明年|新年|跨年|年底|\d{4}年|这个月|本月|这周|本周|放假|假期|年前|旅行|出发|之前|今天的",
         sign="final_words"),
    rule("preparation", "crisis", r"(?:安排|准备|交代|处理)(?:好|了)*(?:自己的|我的)?后事",
         unless_sentence=r"奶奶|爷爷|外婆|外公|姥姥|姥爷|爸爸的|妈妈的|父亲的|母亲的|亲戚|老人|葬礼|去世|他的|她的", subject_sensitive=False,
         sign="arrangements"),
    rule("preparation", "crisis", r"遗嘱(?:已经|都)?(?:写好|写完|立好|立了|写了)|(?:写好|写了|立好|立了)(?:我的)?遗嘱",
         unless_sentence=r"奶奶|爷爷|外婆|外公|姥姥|姥爷|爸爸的|妈妈的|父亲|母亲|律师|公证|宣读|父母的|老人|他的|她的|帮",
         subject_sensitive=False, sign="will"),
    rule("preparation", "concern", r"(?:跟|和|向)(?:所有人|大家|每个人|家人|朋友们?)(?:都)?(?:说)?(?:过)?(?:告别|再见|道别|道过别|说了再见)",
         unless_sentence=_LEAVING, sign="farewell"),
    rule("preparation", "concern", r"(?:不知道|不晓得|没想到)这是最后一(?:次|面)", subject_sensitive=False, sign="final_words"),
    # --- self-harm: cutting, burning, hitting oneself, the urge to, fresh wounds ------------------
    rule("self_harm", "crisis", r"自残|自伤|自我伤害|割(?:过|了)?腕",
         needs_sentence=r"我|又|想|忍不住|冲动|了|过|开始|还在|一直|今天|昨天|昨晚|今晚|自己|时候|每次|总是", unless_before=r"(?:关于|预防|防止|如何|怎么帮助?)[^,。]{0,4}$"),
    rule("self_harm", "crisis", r"伤害(?:我)?自己"),
    rule("self_harm", "crisis",
         r"(?:割|划|烫|刺|扎)(?:伤|破)?(?:了|过)?(?:我)?自己|(?:刀片|刀|剪刀|美工刀|玻璃|烟头)(?:划|割|烫|刺)(?:了|伤|破)?(?:我的|自己的?)?(?:手腕|手臂|胳膊|腿|手|身体|皮肤)|"
         r"(?:割|划|烫)(?:了)?(?:我的|自己的?)(?:手腕|手臂|胳膊|腿|手|身体|皮肤)",
         unless_sentence=_ACCIDENT),
    rule("self_harm", "crisis", r"(?:手腕|手臂|胳膊|大腿|腿)上[^,。]{0,8}(?:口子|刀痕|伤口|划痕|疤)",
         needs_sentence=r"又|自己|忍不住|疼|划|割", unless_sentence=_ACCIDENT),
    rule("self_harm", "crisis", r"(?:疼|痛)的时候[^,。]{0,6}(?:才)?(?:觉得|感觉)(?:自己)?(?:还)?活着"),
    rule("self_harm", "crisis", r"(?:割|划|刻|扎)(?:伤|破)?(?:了)?(?:我的|自己的?)?(?:手腕|手臂|胳膊|大腿|皮肤)",
         unless_sentence=_ACCIDENT + r"|被|猫|狗|树枝|玻璃渣|纸"),
    rule("self_harm", "crisis", r"(?:是)?(?:我)?自己(?:割|划|弄|烫|扎)(?:伤)?的", unless_sentence=_ACCIDENT + r"|被|猫|狗"),
    # --- feeling a burden: others would be better off without the writer --------------------------
    rule("burden", "crisis",
         r"(?:没有|没了)(?:了)?我[^。]{0,10}(?:会|就)(?:过得)?更(?:好|轻松|开心)|"
         r"我(?:不在了|消失了|死了|走了)[,]?\s*(?:大家|他们|家人|所有人|爸妈|父母|你们)[^,。]{0,6}(?:更好|轻松|解脱|开心)",
         subject_sensitive=False),
    rule("burden", "concern",
         r"(?:我|自己)(?:就|只)?是(?:个|一个)?(?:[^,。]{0,6}的)?(?:累赘|拖累|负担)|拖累(?:了)?(?:大家|家人|所有人|别人|爸妈)",
         subject_sensitive=False),
    rule("burden", "concern", r"(?:我|自己)(?:就|真的)?(?:是|很)?(?:个|一个)?多余(?:的)?", subject_sensitive=False,
         unless_after=r"担心|操心|了吧|问"),
    rule("burden", "crisis", r"没(?:有)?我(?:这个)?[^。]{0,12}(?:会|就|能)(?:过得)?(?:更)?(?:好过|轻松|开心)(?:很多|得多|一些|些)?"
         r"|拖油瓶", subject_sensitive=False),
    rule("burden", "concern", r"少(?:了)?我一个(?:也|都)?(?:无所谓|没关系|不会怎样|没什么)", subject_sensitive=False),
    rule("burden", "crisis", r"我(?:死了|不在了|走了|消失了)[^。]{0,10}(?:就)?不(?:用|必)(?:再)?(?:为我)?(?:操心|担心|受累|花钱|麻烦)",
         subject_sensitive=False),
    # --- hopelessness: no future, no point, nothing will get better -------------------------------
    rule("hopelessness", "concern", r"(?:好|很|真的?|彻底|感到|觉得|太|非常|特别|如此)绝望",
         unless_sentence=r"绝望的主妇|让人绝望的|题"),
    rule("hopelessness", "concern", r"(?:什么|一切)都(?:没有|没)(?:意义|意思)了?|坚持下去(?:还|又)?有(?:什么|啥)意义|(?:对)?什么都提不起(?:兴趣|劲)"),
    rule("hopelessness", "concern", r"活着(?:好|真|太|很|真的)*(?:累|痛苦|辛苦|煎熬)|活得(?:好|真|太|很)?(?:累|痛苦|辛苦|煎熬)", sign="life_pain"),
    rule("hopelessness", "concern", r"(?:这样|这么)?(?:下去|活下去)(?:还|又|到底)?有(?:什么|啥)(?:意义|意思|用)"),
    rule("hopelessness", "concern", r"看不到(?:任何)?(?:希望|未来)|没有(?:任何)?希望了"),
    rule("hopelessness", "concern", r"不(?:再)?抱(?:任何)?希望"),
    # --- entrapment: trapped, no way out, can't go on, wanting the pain to stop -------------------
    rule("entrapment", "concern", r"(?:想|真想|好想|只想)(?:要)?(?:彻底)?解脱", sign="relief_wish"),
    rule("entrapment", "concern", r"撑不(?:下去|住)|熬不(?:下去|住|过去)|坚持不(?:下去|住)",
         unless_before=r"(?:困|饿|累|眼皮|电量|手机|电脑|腿)(?:得|的)?[^,。]{0,2}$",
         unless_sentence=r"减肥|健身|跑步|背单词|考研|节食|戒烟|戒糖|早起|打卡|追剧|熬夜|电量|手机", sign="overwhelmed"),
    rule("entrapment", "concern", r"看不到(?:任何)?(?:出路|尽头)|找不到(?:任何)?出路", sign="hopelessness"),
    rule("entrapment", "concern", r"每天都在(?:哭|硬撑)|(?:每天|每晚|天天)(?:晚上)?都(?:在)?哭", subject_sensitive=False, sign="overwhelmed"),
    rule("entrapment", "concern", r"(?:感觉|觉得)(?:自己)?(?:被)?困住了?", sign="hopelessness"),
    rule("entrapment", "concern", r"不想(?:再)?撑(?:下去)?了", sign="overwhelmed"),
    rule("entrapment", "concern", r"(?:半夜|深夜|夜里|每晚|每天晚上)[^。]{0,12}哭",
         unless_sentence=r"电影|剧|书|感动|笑|宝宝|孩子|婴儿|猫|狗|小说|歌|音乐", sign="overwhelmed"),
    rule("entrapment", "crisis", r"除了死|只有死(?:路)?|死(?:才)?是(?:唯一的?)?(?:出路|解脱|办法)|唯一的(?:出路|办法|解脱)(?:就)?是(?:去)?死"),
    rule("entrapment", "concern", r"(?:我|自己)?被困住了?|(?:怎么|永远|再也)(?:也|都)?逃不(?:出去|掉|开|出来)",
         unless_sentence=r"电梯|堵车|游戏|密室|雨|雪|车里|山里|地铁|机场|会议|路上"),
    rule("entrapment", "crisis", r"死(?:了)?(?:反而|也|才|就|倒)?(?:是|算)(?:一种)?(?:解脱|轻松)"),
    rule("entrapment", "concern", r"被困在|出不去|困在[^,。]{0,8}(?:里|中)",
         unless_sentence=r"电梯|堵车|游戏|密室|雨|雪|车里|山里|地铁|机场|会议|路上|门|锁|疫情|封控|下雨", sign="trapped"),
    # --- quieter distress that is no category of its own (concern only): numbness, self-hatred, isolation ---
    rule("distress", "concern", r"我?(?:好|很|真的)?(?:恨|讨厌)(?:透了|死了)?(?:我)?自己|恨死(?:我)?自己|一无是处|(?:我|自己)[^,。]{0,5}(?:废物|失败者|没用的人)|我(?:好|真|太)没用了",
         unless_after=r"为什么|怎么", sign="self_worth"),
    rule("distress", "concern", r"想[^,。]{0,4}消失|消失(?:就好了|算了)",
         unless_sentence=r"尴尬|社死|丢人|丢脸|害羞|脸红|出糗|原地|累到|累得|一个月|几天|一阵子|一周|山里|旅行", sign="disappear"),
    rule("distress", "concern", r"(?:如果|要是)我(?:消失了|不见了)", subject_sensitive=False, sign="isolation"),
    rule("distress", "concern", r"没(?:有)?人(?:会)?(?:在乎|关心|在意|需要|爱)我|没人会(?:发现|注意到|在意|在乎)|没(?:有)?人会想我", sign="isolation"),
    rule("distress", "concern", r"什么都感觉不到|(?:感觉|觉得)自己(?:好|很)?麻木|心(?:里)?(?:好|很)?空(?:虚|荡荡)", sign="numbness"),
    rule("distress", "concern", r"心(?:里)?(?:好|很)?空(?:空的?|落落的?)", needs_sentence=r"其实|总是|一直|每天|假装|整个人|什么都", sign="numbness"),
    rule("distress", "concern", r"被(?:全世界|所有人|大家|这个世界)(?:抛弃|遗忘|丢下|遗弃)", sign="isolation"),
    rule("distress", "concern", r"没(?:有)?人(?:会)?(?:真正|真的|再)(?:在乎|关心|在意|需要|爱)我", subject_sensitive=False, sign="isolation"),
    rule("distress", "concern", r"(?:我|自己)(?:好|真|太|很|真的|特别|就是个?)没用|谁都不需要我|没(?:有)?人需要我",
         subject_sensitive=False, sign="self_worth"),
    # --- someone else at risk (concern): the panel helps a worried friend too ---------------------
    rule("someone_else_at_risk", "concern", r"(?:他|她|他们|她们)(?:又|也|一直|总是|经常)?(?:说|想|要)(?:要|想)?(?:自杀|去死|轻生)"),
    # --- round 7: no reason left to live, in either order; why still live; a wish not to wake; others better off ---
    rule("hopelessness", "crisis", r"(?:找不到|找不出|没有|没了)[^。！？]{0,8}(?:继续|再)?活(?:下去|着)?的(?:理由|意义|动力)|"
         r"(?:继续|再)?活(?:下去|着)?的(?:理由|意义|动力)[^。！？]{0,6}(?:找不到|找不出|都没有|都没了|没有了)",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"何必(?:还|再)?(?:要)?活(?:着|下去)|(?:为什么|为啥)(?:我)?(?:还|还要|还得)活(?:着|下去)",
         unless_after=r"上班|上学|加班|干活|工作|打工|考试|开会", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"醒不(?:过)?来(?:就好了|也好|最好|就好|多好)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"(?:给|替)自己(?:一个|做个|来个)?了断|自我了断", sign="suicidal_ideation"),
    rule("burden", "crisis", r"(?:没有我|没了我|少了我|我(?:要是|如果)?不在了)[^。！？]{0,30}(?:过得更好|会更好|更好过|好很多|好得多|轻松很多|更轻松|解脱)",
         subject_sensitive=False),
    rule("entrapment", "crisis", r"只(?:剩|有)(?:下)?(?:楼顶|天台|跳楼|死|河|桥)(?:那|这)?(?:一)?条路"),
    rule("self_harm", "crisis", r"(?<![a-z])zc(?![a-z])", needs_sentence=r"刀|冲动|又|想|划|血|手|腕|胳膊|腿", subject_sensitive=False),
    rule("wish_to_be_dead", "crisis", r"最好(?:就)?(?:别|不要)(?:再)?醒(?:了|来|过来)?|(?:闭上眼睛?|睡着|睡过去)[^。！？]{0,4}(?:就)?(?:别|不要)(?:再)?睁开",
         unless_sentence=r"上班|上学|闹钟|周末|假期|早起|懒觉|睡到", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"下辈子(?:不要|别|不想)(?:再)?(?:做人|当人|投胎|来了)|这辈子就(?:到这|到此为止|这样结束)(?:吧|了)",
         sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"给(?:自己|我的?人生|我的?生命)画(?:上)?(?:一个)?句号", sign="suicidal_ideation"),
    rule("method", "crisis", r"(?:哪种|什么|哪个)(?:方式|方法|死法|办法)[^。！？]{0,4}(?:最不痛|不痛|最快|最没有痛苦|没有痛苦|最轻松)"),
    rule("intent", "crisis", r"(?:不会|活不)(?:活)?到(?:[0-9一二三四五六七八九十两]+岁|明年|下个月|年底|生日|过年|春节)",
         unless_sentence=r"[这那]么(?:久|老)|长寿|熬夜|这样下去|吃法"),
    rule("self_harm", "crisis", r"又(?:一次)?(?:伤害|弄伤|划伤|割伤|割|划|烫伤)了?自己",
         unless_sentence=r"不小心|切菜|做饭|削|手指|摔|碰|意外|修|装|熬夜|通宵|暴饮暴食|垃圾食品"),
    rule("self_harm", "crisis", r"(?:想|要)(?:拿|用)[^。！？]{0,6}(?:刀|刀片|美工刀|剪刀|玻璃|烟头)[^。！？]{0,6}(?:胳膊|手腕|手臂|大腿|腿上|皮肤)"),
    rule("self_harm", "crisis", r"(?:胳膊|手腕|手臂|大腿|腿|皮肤)上?又多了[^。！？]{0,3}(?:道|条|个口子)"),
    rule("method", "crisis", r"(?:坐|站|蹲)在(?:天台|楼顶|桥)(?:的)?(?:边上|边缘|边|栏杆上|栏杆外)",
         unless_sentence=r"拍照|看风景|看日落|看烟花|看夕阳|晒太阳|吃饭|聊天|野餐|钓鱼|乘凉|吹风|散步"),
    rule("preparation", "crisis", r"(?:这是)?最后一次(?:跟|和|同)你(?:说话|聊天|聊)了", unless_sentence=r"分手|离婚|绝交|拉黑|删(?:了)?(?:你|好友)"),
    rule("suicidal_thoughts", "crisis", r"(?:最近|现在|如今|这几天|这阵子)[^。!?,]{0,4}(?:天天|每天|总是|一直|老是)[^。!?,]{0,3}想(?!过)",
         needs_sentence=r"(?:自杀|轻生|寻死|去死|想死)(?:这种事|这件事|这种念头|这种想法|的念头|的想法)", subject_sensitive=False,
         sign="suicidal_ideation"),
    rule("method", "crisis", r"(?:木炭|炭)[^。！？]{0,12}(?:没有?(?:烤炉|烧烤炉|炉子|烤架)|不(?:是)?(?:为了)?(?:烧烤|烤肉)|胶带|封(?:好|死|住))"),
    *families_zh.FAMILY_RULES,
)

CONTEXT = LanguageContext(
    rules=RULES,
    trigger=first_letter_alternation(
        r"死|活|生命|自杀|轻生|寻|了断|了结|醒|世界|解脱|一了百了|想不开|累赘|拖累|负担|多余|跳|割|腕|吊|卧轨|炭|服毒|农药|"
        r"药|煤气|撞车|楼顶|天台|桥|阳台|窗台|遗|告别|绝笔|再见|永别|别了|最后一|送|用不|回来|来了|银行卡|密码|存款|财产|"
        r"保险|如果我|要是我|万一我|等我|后事|伤|划|烫|刺|扎|撑不|熬不|坚持不|绝望|希望|未来|出路|尽头|意义|意思|提不起|"
        r"哭|困住|恨|讨厌|一无是处|废物|失败者|没用|消失|不见|在乎|关心|在意|需要我|爱我|想我|注意|累|痛苦|辛苦|煎熬|"
        r"感觉不到|麻木|空虚|空荡荡|结束|离开|走了|不在了|自残|自伤|自我|更好|更轻松|更开心|出来|上来|海|江|河|湖|"
        r"多高|攒|存|囤|翻|跨|迈|松手|存在|口子|疤|疼|好过|拖油瓶|少我|日子|时间|托付|交给|照顾|当是|当作|当做|撑|"
        r"下去|空|抛弃|遗忘|丢下|想s|想S|紫砂|最高|够高|计划|安排|一了百了|后事|不用我|不需要我|手腕|手臂|胳膊|大腿|皮肤|"
        r"zc|何必|只剩|只有楼|睁开|下辈子|这辈子|句号|哪种|什么方|不会活|活不到|伤害|又多了|最后一次|困|逃不|除了死|只有死|唯一|想好|定好|选好|找好|决定|遗嘱|道别|道过别|最后一|自己割|自己划|自己弄|自己烫|出不去|" + families_zh.TRIGGER),
    denied_after=re.compile(r"[^。，！？,!?]{0,6}?(?:这种事|这件事|这种念头|这种想法|的念头|的想法)?[^。，！？,!?]{0,3}?"
                            r"(?:想都没想过|从来没(?:有)?想过|从没想过|从未想过|连想都没想过)"
                            # the denial ends its clause, and no turn follows ("……没想过，但最近天天都在想")
                            r"(?=\s*(?:[。，！？,!?；;…]|$))(?![^。！？!?]*(?:但|可|现在|直到|竟然|会这么|最近))"),
    negation=re.compile(
        r"(?:不|没|没有|从没|从来没有?|从未|绝不|绝对不|并不|并没有?|不再|再也不|(?<![特分区性级告离辨识道类差个派鉴])别|不要|不会|永远不会|才不)"
        r"(?:会|想|要|是|再|打算|去|真的|过|有|敢|可能)*$"),
    first_person=re.compile(r"我(?!们)|自己"),
    third_person=re.compile(
        r"(?<!其)他|她|它|你|您|朋友|闺蜜|同学|同事|妈妈|爸爸|母亲|父亲|哥哥|姐姐|弟弟|妹妹|爷爷|奶奶|外公|外婆|老公|老婆|"
        r"我妈|我爸|老妈|老爸|少年|少女|男孩|女孩|老人|士兵|骑士|公主|王子|国王|女王|将军|师兄|师父|师姐|师妹|男朋友|女朋友|男友|女友|室友|有人|别人|主角|反派|角色|主人公|女主|男主|邻居|网友|学生|孩子|儿子|女儿"),
    past=re.compile(r"以前|曾经|(?<![睡死晕昏走跑])过去(?!了)|那时候|那时|小时候|(?:高中|初中|中学|大学|读书|上学)(?:的)?时(?:候)?|年前|当年|早就不|已经好多了|已经走出来|已经过去|都过去了|那段(?:时间|日子)|那段[^。！？]{0,12}(?:日子|时间|时光)"),
    fiction=re.compile(
        r"小说|故事|第[一二三四五六七八九十百\d]+[章集幕回]|章节|反派|主角|角色|剧情|电影|电视剧|剧里|剧本|剧本杀|游戏(?!机)|动漫|"
        r"漫画|书里|新闻|报道|纪录片|文章|预防|热线|演员|男主|女主|主人公|番|歌词|这首歌|综艺|讲座|课程|培训|科普|识别|"
        r"诗|一幕|这幕|下一幕|续写|情节|桥段|这一章|下一章|写一个|写个|唱|单曲循环"),
    joke=re.compile(r"哈哈|hhh|233|嘻嘻|[😂🤣💀😅😆🙃]|(?<!不是)(?<!没有)(?<!没在)(?<!没)开玩笑|doge"),
    clause_break=re.compile(r"[,;:()]|但是|可是|不过|然而|但|现在"),
    hyperbole=re.compile(r"(?:吃撑|吃太多|吃太饱|好撑|太撑|撑死|太热|好热|热得|太冷|好冷|冷得|牙疼|头疼|肚子疼|胃疼|腰疼|晒)[^,。]{0,4},\s*"
                         r"(?:好|真|简直)?想死(?:了)?\s*[.!~…。]*$"),
    recovered=re.compile(r"走出来|好多了|好了很多|熬过来|挺过来|都过去了|终于过去|已经过去|庆幸|康复|痊愈|没有再|没再|(?:已经|好)(?:\d+|[一二三四五六七八九十两几]+)年(?:多)?没(?:有)?|"
                         r"现在(?:的我)?(?:很|挺|过得)(?:好|开心|幸福|爱自己)|不再有那些|现在很爱自己"),
)
