"""Chinese warning signs written as word FAMILIES: 想/要/决定 + 死/自杀/了结/离开这个世界, 活 + 没意思/不想/为什么.

Like :mod:`journal.safety.families_en`, these join small vocabularies instead of
listing phrases: a wish or a decision (想, 好想, 只想, 宁愿, 决定, 下定决心)
with a way of saying one's own death (去死, 自杀, 轻生, 了结, 结束生命,
离开这个世界, 一死了之); a means (安眠药, 农药, 绳子, 刀片, 炭) with a
sign of purpose (藏, 攒, 够了, 准备好, 一直在想); the writer gone (不在了,
走了) with relief for others. The hyperbole of everyday Chinese (累死,
笑死, 想死你了, 原地去世) never matches: 死 counts only after a wish
with nothing but an adverb between, and the "X得" construction is excluded.
"""

from __future__ import annotations

from journal.safety.rules import rule

_WISH = r"(?:想|好想|真想|很想|只想|就想|特想|特别想|宁愿|宁可|不如|干脆|恨不得|巴不得|考虑|渴望|希望|一心想|总想|老想|又想|还想|也想|真的想)"
_INTENT = r"(?:要|打算|准备|决定|计划|真的要|会|就要|马上要)"
_ADVERB = r"(?:早点|快点|赶紧|赶快|直接|就|去|马上|现在|立刻|一下子|彻底|永远|干脆|悄悄|安静地|偷偷)*"
_OWN_DEATH = (r"(?:去死|死掉|死了算了|(?<=想|愿|可|望|点|快|早|着)死(?=[,.。!?…~]|$|了|吧|啊|算)|自杀|轻生|寻死|了结(?:自己|生命|此生)?|结束(?:自己|生命|自己的生命|我的生命|一切|这一切)|"
              r"离开(?:这个)?(?:世界|人世|人间)|一死了之|自我了断|消失(?=[^,。]{0,6}(?:永远|彻底|这个世界|不是开玩笑|再也))|"
              r"永远(?:地)?(?:消失|睡下去|离开)|从(?:这个)?世界上消失)")
_HYPERBOLE = r"(?:得|的|到)(?:我|人)?(?:都|简直|真|好|快)?$"
_MEANS = r"(?:刀|水果刀|安眠药|安定|药片|抗抑郁药|止痛药|农药|百草枯|老鼠药|绳子|刀片|美工刀|炭|木炭|煤气|药)"
_PURPOSE = (r"放在(?:衣柜|床底|抽屉|柜子|包|车)|藏|攒|囤|偷偷|够了|够多|一整瓶|全部|准备好|备好|买好|一直在想|老是想|总是想|盯着|知道放在哪|今晚|明天|周末|这周|那天|"
            r"就在|到时候|结束|解脱|死")
_EVERYDAY_MEANS = r"出发|旅行|旅游|出差|行李|高原|晕车|晕船|感冒|发烧|退烧|医生|处方|看病|药店|医院开|奶奶|爷爷|猫|狗|花|种|除草|杀虫|晾|跳绳|拔河|晒|烧烤|火锅|头疼|牙疼|胃疼|过敏"
_GONE = r"(?:死了|不在了|消失了|走了|没了|离开了)"
_OTHERS = r"(?:大家|他们|家人|所有人|爸妈|父母|你们|谁|妈妈|爸爸|全家)"
_ACCIDENT = r"不小心|切菜|削|刮胡子|意外|摔|做饭|剪指甲|开罐头|被.{0,4}(?:割|划|烫|抓)|猫抓|狗咬|纸|手机|屏幕|船|桨|水|卡|线|重点|算"

FAMILY_RULES = (
    # --- wish to be dead / thoughts: a wish or a decision + a way of saying one's own death ----------
    rule("wish_to_be_dead", "crisis", _WISH + r"(?:着)?(?:要不要|该不该|是不是(?:该|要))?" + _ADVERB + _OWN_DEATH,
         unless_before=_HYPERBOLE, unless_after=r"你|您|他|她|人了|我了|我啦|你们|的心都有", sign="suicidal_ideation"),
    rule("intent", "crisis", _INTENT + _ADVERB + _OWN_DEATH,
         unless_before=_HYPERBOLE + r"|想$", unless_after=r"你|您|他|她|人了|我了|我啦|你们|的心都有", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:不想|不愿意?|不要)(?:再)?(?:继续)?(?:活|活着|活下去|存在|醒来|醒过来|呼吸)(?:了|下去)?"
         r"|活(?:着|下去)(?:这件事)?[^。]{0,6}(?:不想|不愿|不要)(?:再)?(?:继续|坚持)",
         unless_before=_HYPERBOLE + r"|(?:热|冷|饿|困|累|忙|笑|气|尴尬|丢人|丢脸)(?:得|的|到)?[^,。]{0,2}$",
         unless_after=r"在|成|得像|给|的时候去", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"为什么(?:我)?(?:还|要|还要|还得)?(?:活着|醒来|醒过来|存在|活在这个世界|在这个世界上)",
         unless_sentence=r"早上|闹钟|上班|上学|这么早", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"活着(?:就是|只是|不过是|简直是)?(?:在)?(?:受罪|受折磨|折磨|煎熬|等死)|每天都在等死|(?:死了|死)(?:才|反而|倒)?(?:干净|痛快|清净)",
         unless_before=_HYPERBOLE, sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"宁(?:愿|可)(?:去)?死",
         unless_after=r"也不(?:吃|喝|穿|去|跟|和|嫁|娶|看|用|加班|上班|坐|买)", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:想|要|好想|只想)[^,。]{0,3}(?:一睡不醒|睡(?:过去|着)(?:就)?(?:再也)?不(?:要)?醒)", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"跳下去(?:就好了|算了|就解脱了|就结束了|就什么都|就不用|一了百了|就轻松了)",
         unless_sentence=r"泳池|游泳|跳水|蹦极|水里玩", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"(?:死|自杀|轻生|结束自己)的(?:念头|想法|冲动)", sign="suicidal_ideation"),
    # --- intent: decided, not afraid any more, going for ever -------------------------------------
    rule("intent", "crisis", r"(?:决定|下定决心|下了决心|想好了|想清楚了|铁了心|定了)[^。]{0,8}(?:去死|死|自杀|结束(?:自己|生命|一切)|离开这个世界|不活了|走)",
         unless_sentence=r"辞职|分手|离婚|搬家|出国|留学|换工作|考研|减肥|离开(?:公司|这座城市|北京|上海)"),
    rule("intent", "crisis", r"(?:已经|再也)?不(?:再)?怕死了", needs_sentence=r"准备好|决定|已经|想好|该走"),
    rule("intent", "crisis", r"永远地?(?:走|离开)|(?:走|离开)[^。,]{0,4}永远(?:不|都不)?(?:回来)?|(?:干干净净|安安静静|了无牵挂|安心|放心)地?(?:走|离开)",
         unless_sentence=r"出国|搬家|移民|离职|辞职|毕业|旅行|旅游|出门|公司|城市|这座|学校|前任|他|她"),
    rule("intent", "crisis", r"我?(?:真的)?会(?:去)?自杀"),
    # --- plan: time, place and means fixed, not coming back --------------------------------------
    rule("plan", "crisis", r"(?:时间|地点|日子|方法|地方)(?:和|跟|、)?(?:时间|地点|日子|方法|地方)(?:我)?(?:都)?(?:已经)?(?:想好|定好|选好|决定|找好|安排好)",
         unless_sentence=r"婚|聚|会议|面试|出发|航班|旅|约会|生日|活动|开业|答辩|搬家|吃饭|饭|考试|课"),
    rule("plan", "crisis", r"不(?:打算|想|准备|会)?(?:再)?回来了?",
         needs_sentence=r"海边|江边|河边|湖边|海里|河里|江里|湖里|桥上|大桥|悬崖|崖边|铁轨|楼顶|天台|水库",
         unless_sentence=r"旅游|旅行|度假|玩|住|出差|几天|一周|出国|留学|定居|餐厅|店|饭|吃"),
    rule("plan", "crisis", _MEANS + r"[^。]{0,10}(?:准备好|备好|买好|都齐了|齐了|到手)",
         needs_sentence=r"今晚|明天|周末|这周|那天|就在|到时候|结束|解脱|死|一了百了|用不上",
         unless_sentence=_EVERYDAY_MEANS),
    # --- method and means: a means with a purpose; what dose or height would kill ------------------
    rule("method", "crisis", r"(?:买|囤|攒|存|藏|备|准备|收集|弄到|下单|网购)(?:好|了|着|起来)*[^,。]{0,8}" + _MEANS,
         needs_sentence=_PURPOSE, unless_sentence=_EVERYDAY_MEANS, sign="plan_or_means", needs_nearby=True),
    rule("method", "crisis", _MEANS + r"[^。]{0,12}(?:一直在想|老是想|总是想|总想着|盯着看|盯着|知道放在哪)", unless_sentence=_EVERYDAY_MEANS,
         sign="plan_or_means"),
    rule("method", "crisis", r"(?:查|搜|百度|研究|问|看)(?:了|过)?[^。]{0,14}(?:会死|致死|死得|能死|才会死|死法|死亡率|不会痛|不痛苦)",
         unless_sentence=r"猫|狗|宠物|小孩|宝宝|巧克力|葡萄|蘑菇|新闻|文章|课|考试|剧", sign="plan_or_means"),
    rule("method", "crisis", r"跳下去[^。]{0,8}(?:痛|疼|死|会怎样|会怎么样|什么感觉|多久)",
         unless_sentence=r"泳池|游泳|跳水|蹦极|降落伞|跳伞", sign="plan_or_means"),
    rule("method", "crisis", r"绳子[^。]{0,10}(?:挂|吊|结实|够不够|房梁|脖子|承重)", unless_sentence=r"晾|衣服|跳绳|帐篷|船|行李", sign="plan_or_means"),
    # --- preparation: gone when the letter is read, a cover story, the last farewell ---------------
    rule("preparation", "crisis", r"(?:的时候|时|之后|以后)[,]?我(?:应该)?(?:已经)?(?:不在了|走了|死了|离开了|不在这个世界上了)",
         unless_sentence=r"出国|搬家|离职|毕业|旅行|出差|上班|去学校|出门", subject_sensitive=False, sign="farewell"),
    rule("preparation", "crisis", r"(?:他|她|他们|大家|家人|朋友|爸妈)(?:都|还)?以为我(?:只是)?(?:去)?(?:出差|旅行|出门|回老家|搬家|没事|出去玩)",
         needs_sentence=r"托付|送|交给|信|告别|再见|照顾", subject_sensitive=False, sign="farewell"),
    rule("preparation", "concern", r"(?:算是|就算|当作|当做|作为)(?:最后的?|一次)?(?:告别|道别|再见)|最后(?:的)?告别|见(?:了)?(?:最后)?一面[^。]{0,6}告别",
         unless_sentence=r"同事|离职|毕业|公司|团队|退休|搬家|学生|老师|同学们|欢送|辞职|出国|留学|葬礼|遗体|追悼|灵堂|墓|去世", subject_sensitive=False,
         sign="farewell"),
    rule("preparation", "concern", r"(?:账号|帐号|账户)(?:都|全)?(?:注销|删除|删)(?:了|掉)|(?:欠的钱|债|欠款|借的钱)(?:也|都)?(?:还清|还完|还上)了",
         needs_sentence=r"走|干净|以后|最后|不用|麻烦|收拾", sign="affairs"),
    # --- self-harm: cutting a leg, pinching, banging the head, hiding wounds ------------------------
    rule("self_harm", "crisis", r"(?:割|划|刻|扎|烫)(?:伤|破)?(?:了)?(?:我的|自己的?)?(?:腿|手|身上|肚子|脖子|手背|小臂)",
         unless_sentence=_ACCIDENT + r"|草|肉|菜|鱼|蛋糕|纸|树"),
    rule("self_harm", "crisis", r"(?:掐|咬|打|捶|扇|抓|撞|拧)(?:了)?(?:我)?自己",
         needs_sentence=r"拼命|狠狠|到|流血|出血|发紫|青|才|惩罚|一难过|忍不住|停不下来|每次", unless_sentence=r"恨不得|哈哈|笑|一巴掌清醒"),
    rule("self_harm", "crisis", r"(?:头|脑袋)(?:往|朝|撞)[^,。]{0,4}(?:墙|地|门|桌)", needs_sentence=r"自己|拼命|一直|到|才|忍不住"),
    rule("self_harm", "crisis", r"(?:长袖|手环|创可贴|袖子)[^。]{0,16}(?:伤|疤|划痕|刀痕|口子)", unless_sentence=_ACCIDENT),
    rule("self_harm", "crisis", r"又(?:割|划)(?:了|伤)(?!一(?:晚上|下午|天)|手机|屏幕|船)", unless_sentence=_ACCIDENT),
    # --- burden: the writer gone is good for the others -------------------------------------------
    rule("burden", "crisis", _GONE + r"[^。]{0,20}(?:对(?:谁|大家|所有人|他们|家人|爸妈)都好|大家都好|都解脱|(?:反而|倒是|才)?(?:是)?(?:帮|成全|解脱)(?:了)?" + _OTHERS + ")",
         subject_sensitive=False),
    rule("burden", "crisis", r"没(?:有)?(?:了)?我(?:这个\w{0,2})?[^。]{0,10}(?:会|就|能)(?:过得)?(?:更)?(?:幸福|自由|快乐|好|轻松|开心)",
         subject_sensitive=False),
    rule("burden", "crisis", r"(?:累赘|拖累|负担|多余)[^。]{0,16}(?:死|消失|走了|不在|离开)|(?:死|消失|走了|不在|离开)[^。]{0,16}(?:累赘|拖累|负担)",
         unless_sentence=r"以前|那段时间|曾经", subject_sensitive=False),
    rule("burden", "crisis", r"(?:想|要)成全(?:他们|大家|你们|家人|爸妈)", needs_sentence=r"没有我|没我|我不在|我走|我死|累赘|拖累"),
    # --- hopelessness / entrapment joined to death --------------------------------------------------
    rule("hopelessness", "crisis", r"(?:没救了|没有希望|看不到希望|不会好起来|好不起来)[^。]{0,12}(?:死|结束|不想活|活着)"),
    rule("entrapment", "crisis", r"(?:除了|只有|只能)(?:去)?(?:死|一死|自杀|结束生命)|(?:唯一的?|最后的?)(?:出路|办法|解脱)[^。]{0,4}(?:死|自杀)"),
    # --- round 3, from the spent held-out sets: the same families, more of their forms -------------
    rule("wish_to_be_dead", "crisis", r"死了(?:就|也|才)?(?:最好|更好|才好|最干净)", unless_before=_HYPERBOLE, sign="suicidal_ideation"),
    rule("method", "crisis", _MEANS + r"[^,。]{0,6}(?:都|全)?(?:偷偷)?(?:藏|攒|囤|存)(?:起来|好|了|着)", needs_sentence=_PURPOSE,
         unless_sentence=_EVERYDAY_MEANS, sign="plan_or_means"),
    rule("method", "crisis", r"(?:去|到|站在|走到)(?:江边|河边|海边|湖边|桥上|大桥|楼顶|天台|悬崖|崖边)[^。]{0,12}跳(?!舞|绳|槽|远|高|水|伞)",
         unless_sentence=r"玩|游泳|跳进(?:海|水|河|湖)里游|冲浪|潜水|拍照|度假|旅游", sign="plan_or_means"),
    rule("method", "crisis", r"(?:今晚|今天|明天|现在|马上|这次)(?:就)?(?:要)?跳(?!舞|绳|槽|远|高|水|伞|过)",
         needs_sentence=r"天台|楼顶|楼上|桥|阳台|窗|悬崖|江|河|海|别拦我", sign="plan_or_means"),
    rule("intent", "crisis", r"(?:这次)?(?:别|不要|谁也别|谁都别)(?:再)?(?:拦|劝)(?:着)?我", needs_sentence=r"死|跳|走|结束|自杀|活"),
    rule("preparation", "concern", r"以后(?:也|都|就|再)?(?:养|照顾|管|陪|喂)不了(?:它|它们|他们|你们)?(?:了)?|"
         r"以后(?:也|都|就|再)?(?:不用|不需要)我(?:再)?(?:养|照顾|管|喂|操心)", subject_sensitive=False, sign="no_future"),
    rule("burden", "concern", r"(?:总是|一直|只会|就会|老是)(?:给|让)[^,。]{0,6}添麻烦|(?<![他她你])是(?:个|一个)(?:大)?(?:累赘|拖油瓶|负担)",
         subject_sensitive=False),
    rule("entrapment", "concern", r"没有(?:出口|出路)|找不到(?:出口|出路)|没有尽头", unless_sentence=r"迷宫|密室|游戏|停车场|商场|地铁", sign="trapped"),
    rule("entrapment", "crisis", r"(?:死|死亡|自杀|去死)(?:才)?(?:是|就是)(?:我)?(?:唯一|最后)(?:的)?(?:出路|解脱|办法|选择)"),
    rule("preparation", "concern", r"谢谢(?:你|他们|大家|你们)?(?:这些年|一直以来|这么久)?(?:的)?(?:照顾|陪伴|包容|陪着我)",
         needs_sentence=r"告别|再见|最后|永别|别了", unless_sentence=r"同事|离职|毕业|公司|团队|退休|搬家|学生|欢送|辞职|出国|留学",
         subject_sensitive=False, sign="thanks"),
    rule("preparation", "concern", r"(?:准备|要|该|打算)走了", needs_sentence=r"世界|少我|不在|再见|告别|永别|累赘|多余", sign="leaving"),
    # --- round 3 batch 2: voices, an opportunity, the place chosen, the savings handed on ------------
    rule("wish_to_be_dead", "crisis", r"(?:再也|永远)(?:都)?不用(?:再)?醒", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"(?:声音|脑子|念头|心里)[^。]{0,8}(?:叫|让|要|催|劝)我(?:去)?(?:死|自杀|跳|结束)"),
    rule("suicidal_thoughts", "crisis", r"想[^。]{0,12}(?:撞死|摔死|淹死|被车撞)|(?<![笑累热冷饿困气烦])死(?:了)?算了", unless_before=_HYPERBOLE),
    rule("plan", "crisis", r"(?:选好|找好|看好|定好|想好)了?(?:地方|地点|位置)",
         needs_sentence=r"海边|江边|河边|湖边|桥|悬崖|崖边|铁轨|楼顶|天台|水库|高楼"),
    rule("plan", "crisis", r"(?:等|趁)[^。]{0,8}(?:出门|睡着|不在|走了|上班|出去)[^。]{0,6}(?:我)?(?:就)?(?:吃药|吞药|动手|跳|割|上吊|结束|去死)",
         subject_sensitive=False),
    rule("preparation", "crisis", r"写(?:了|好)?(?:一封|几封)?信[^。]{0,8}告别|告别[^。]{0,8}信",
         unless_sentence=r"同事|离职|毕业|公司|团队|退休|搬家|学生|老师|同学们|欢送|辞职|出国|留学|卡片", sign="farewell"),
    rule("preparation", "crisis", r"(?:存款|积蓄|所有的钱|钱)(?:都|全)?(?:转给|留给|给)了?[^。]{0,8}(?:以后|将来)[^。]{0,6}(?:用得上|用得着|需要)",
         subject_sensitive=False, sign="affairs"),
    # --- round 3 batch 4: 网络用语 and euphemisms (活够了, 想重开, 永远下线, 去另一个世界) -------------------
    rule("wish_to_be_dead", "crisis", r"活够了", unless_after=r"这|那|这种|那种|这样|那样", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:想|好想|真想|只想|直接)(?:直接)?重开(?!一局|一把|一盘|存档|副本|游戏|一次游戏)|(?:想|好想|重新|早点|赶紧)投胎",
         unless_sentence=r"游戏|一局|一把|存档|副本|关卡|这局|这把", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis",
         r"(?:想|要|好想)?去另一个世界|去(?:天堂|那边|另一边)(?:找|陪|见)|(?:想|要|好想)?去陪(?:奶奶|爷爷|外婆|外公|姥姥|姥爷|妈妈|爸爸|他|她)",
         unless_sentence=r"城市|国家|旅行|旅游|游戏|小说|故事", sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"不想(?:再)?看到(?:明天的)?(?:太阳|明天)|(?:明天的)?太阳[^。]{0,4}不想(?:再)?看到|看不到明天的太阳也(?:好|没关系)",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:不想|不愿)(?:再)?(?:待|呆|留|活)在这个世界|(?:不想|不愿)(?:再)?(?:在|留在)这个世界(?:上)?(?:待|呆|活|留)",
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"(?:永远|永久|彻底)下线", unless_sentence=r"账号|游戏|服务器|功能|版本|产品|群", sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis", r"(?:总|老|一直|好|很)?想往下跳|想跳下去", unless_sentence=r"泳池|游泳|跳水|蹦极|水里|伞"),
    rule("suicidal_thoughts", "crisis", r"结束(?:这一生|这辈子|此生|这条命|我这一生)"),
    rule("method", "crisis", r"吃(?:很多|好多|一大把|一堆)[^。]{0,8}睡过去|吃药[^。]{0,12}(?:睡过去|不醒|结束|一了百了)", sign="plan_or_means"),
    rule("method", "crisis", r"(?:安眠药|药片|药)[^。]{0,8}数(?:了|过)?(?:一遍|一下|好几遍|清楚)?",
         unless_sentence=r"过期|扔|整理|分药|药盒|奶奶|爷爷|医生|护士|药店|每天几", sign="plan_or_means"),
    rule("intent", "crisis", r"最后一次(?:听到|收到|看到)我的(?:消息|声音|留言)", subject_sensitive=False),
    rule("intent", "crisis", r"(?:今晚|今天|明天)(?:就)?(?:结束(?:吧|了)?(?=[,.。!?…~]|$)|做个了断|了断)",
         unless_sentence=r"考试|项目|比赛|作业|会议|假期|旅行|课|工作|加班|追剧|连载"),
    rule("plan", "crisis", r"想好(?:了)?(?:在)?(?:哪里|哪儿|怎么|什么时候|哪天)(?:去)?结束"),
    rule("preparation", "crisis", r"给(?:每个人|大家|所有人|家人|爸妈)(?:都)?(?:留|写)(?:了|好)?(?:一封)?信",
         unless_sentence=r"同事|离职|感谢|毕业|卡片|新年|生日|圣诞|婚礼", sign="farewell"),
    rule("preparation", "concern", r"(?:收拾|整理)(?:好|干净)[^。]{0,4}(?:再)?走(?!了?去|到)", unless_sentence=r"出门|上班|搬|旅行|出差|回家|学校",
         sign="before_i_go"),
    rule("hopelessness", "crisis", r"没(?:有)?(?:什么|啥)(?:好)?留恋(?:的)?", needs_sentence=r"这辈子|世界|人生|活|人间|走了"),
    rule("entrapment", "crisis", r"只剩(?:下)?(?:死|一死|去死)|走投无路[^。]{0,8}死"),
    # --- round 3 batch 5: a jump wished from a height, pills on a fixed night, relief for the family ------
    rule("suicidal_thoughts", "crisis", r"想跳(?![舞绳槽远高水伞过楼价])", needs_sentence=r"阳台|楼|桥|天台|窗|悬崖|站台|铁轨",
         unless_sentence=r"泳池|游泳|跳水|蹦极|跳伞|蹦床"),
    rule("plan", "crisis", r"(?:今晚|明天|周[一二三四五六日末]|星期[一二三四五六日天]|那天)[^。]{0,6}(?:我)?就(?:去)?(?:吃药|吞药|吃安眠药)",
         needs_sentence=r"计划好|都准备|想好|死|结束|一了百了|解脱|再见", sign="plan_or_means"),
    rule("burden", "crisis", r"我" + _GONE + r"[^。]{0,12}(?:轻松|好过|解脱|开心|幸福)(?:很多|一点|些|了)?", subject_sensitive=False),
    # --- round 4 (tuned on set C and the spent sets, never on held-out set D) -------------------------
    rule("plan", "crisis", r"(?:选|挑|定|想|找|看)好了?(?:的)?[^,。]{0,4}(?:日子|时间|日期|地方|地点|方法|方式)[^。]{0,8}(?:去死|自杀|死|结束(?:自己|一切|生命)|了结|跳下去)",
         unless_sentence=r"婚|聚|会议|面试|出发|航班|旅|约会|生日会|活动|开业|答辩|搬家|吃饭|考试|课|死党|死磕", sign="plan_or_means"),
    rule("plan", "crisis", r"结束(?:一切|这一切|自己|生命|我的生命)",
         needs_sentence=r"今晚|明天|那天|就在|周[一二三四五六日末]|星期[一二三四五六日天]|月底|生日那天|到时候|计划好|准备好|想好了|不在的时候|没人的时候",
         needs_nearby=True, subject_sensitive=False,
         unless_sentence=r"项目|考试|假期|工作|学期|比赛|论文|课程|会议|合同|关系|恋爱|感情|游戏|故事|这一章|(?:他|她|他们)(?:说|要|想|打算)|"
                         r"新生活|重新开始|从头开始|新的开始",
         sign="plan_or_means"),
    rule("preparation", "concern", r"(?:不会|再也不会|以后不会|以后也不会)(?:再)?需要(?:它们|这些|它|那些|了)|(?:再也)?用不到了",
         unless_sentence=r"搬|出国|留学|捐|二手|闲鱼|新|升级|旧|毕业|退休|坏了|过期|学会", sign="no_future"),
    rule("preparation", "concern", r"(?:全|都|全都|一件件|一样样)(?:分给|送给|寄给|送人|分掉|送掉|送出去)",
         unless_sentence=r"捐|二手|闲鱼|搬|出国|留学|断舍离|旧|不穿|穿不下|用不完|分享|零食|喜糖|蛋糕|特产|红包|礼物|月饼|年货|菜|吃的|水果|腌|饺子|"
                         r"(?:他|她|奶奶|爷爷|外婆|外公|妈|爸|阿姨|叔叔|邻居|同事|朋友)(?:们)?(?:把|将|都|全)", sign="giving_away"),
    rule("preparation", "crisis", r"(?:每个|所有的?|每一个)(?:朋友|人|家人)[^。]{0,12}(?:最后(?:的|一次)?(?:告别|一面|道别)|告别)|最后(?:的|一次)(?:告别|道别)",
         unless_sentence=r"同事|离职|毕业|公司|团队|退休|搬家|学生|老师|同学们|欢送|辞职|出国|留学|演唱会|巡演|节目|比赛|葬礼|遗体|追悼|仪式|去世|灵堂|墓|"
                         r"爷爷|奶奶|外婆|外公", subject_sensitive=False,
         sign="farewell"),
    # a past attempt told in the aspect of experience (割过腕, 自杀过): concern by PAST_POLICY, dropped when told as over
    rule("self_harm", "concern", r"(?:割|划)过(?:手)?腕|自杀过|轻生过|寻死过|跳过(?:楼|河|江|海)|洗过胃|"
         r"(?:吞|吃)过(?:很多|一把|一瓶|一整瓶)?(?:安眠)?药(?=[^。]{0,12}(?:医院|急诊|抢救|洗胃|救回来|送医))",
         unless_sentence=r"跳过(?:楼梯|台阶|这|那|一|几)", sign="past_attempt"),
    rule("wish_to_be_dead", "crisis", r"永远(?:地)?消失|消失[^,。]{0,6}永远",
         needs_sentence=r"(?:想|要|让自己|希望自己)[^,。]{0,4}消失|不是开玩笑|认真",
         unless_sentence=r"尴尬|社死|丢人|丢脸|害羞|脸红|出糗|原地|朋友圈|群|微信|网络|网上|联系人|让(?!自己|我)[^,。]{1,6}(?:永远)?消失",
         sign="suicidal_ideation"),
)

TRIGGER = (r"死|自杀|轻生|了结|结束|离开|世界|消失|活|醒|存在|呼吸|为什么|受罪|折磨|煎熬|宁|睡|跳|念头|决定|决心|想好|想清楚|铁了心|"
           r"定了|怕死|永远|走|会自杀|时间|地点|日子|方法|地方|回来|药|安定|农药|百草枯|绳|刀|炭|煤气|查|搜|百度|研究|不在|以为我|"
           r"告别|道别|再见|一面|账号|帐号|账户|欠|债|还清|割|划|刻|扎|烫|掐|咬|打|捶|扇|抓|撞|拧|头|脑袋|长袖|手环|创可贴|袖子|"
           r"没我|没有我|没了我|累赘|拖累|负担|多余|成全|没救|希望|好起来|除了|只有|只能|出路|办法|解脱|拦|劝|养不了|照顾不了|管不了|陪不了|麻烦|出口|尽头|谢谢|准备走|要走|该走|不用|叫我|让我|要我|催我|劝我|撞死|摔死|淹死|被车撞|算了|选好|找好|看好|定好|等|趁|信|存款|积蓄|钱|活够|重开|投胎|另一个世界|天堂|那边|另一边|去陪|太阳|待在|呆在|留在|下线|往下跳|一生|这辈子|此生|这条命|睡过去|吃药|最后一次|了断|收拾|整理|留恋|只剩|走投无路|想跳|轻松|好过|开心|幸福|要不要|该不该|是不是|需要|用不到|分给|送给|寄给|送人|分掉|送掉|送出去|告别|道别|最后|消失|过腕|自杀过|轻生过|寻死过|跳过|洗过胃|吞过|吃过|下单|网购")
