"""Each warning-sign category, in both languages, is caught by its own rules (#18).

For every category there are English and Chinese sentences at an exact level,
and a second test removes that category's rules and shows the level falls:
so each category's tests fail if its rules are ever lost or broken.
"""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest

from journal.safety import LEVELS, assess, learned
from journal.safety.rules import CATEGORIES

assess_module = importlib.import_module("journal.safety.assess")  # the package re-exports assess(), the function

# category -> language -> [(sentence, level)]
CASES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "wish_to_be_dead": {
        "en": [("I wish I could fall asleep tonight and never wake up.", "crisis"),
               ("I'd rather not exist than keep feeling like this.", "crisis")],
        "zh": [("我真的不想活了。", "crisis"), ("活着没意思，真没意思。", "crisis"), ("真的想s，不是开玩笑。", "crisis")],
    },
    "suicidal_thoughts": {
        "en": [("I keep thinking about killing myself.", "crisis"),
               ("Suicide has been on my mind every single day this week.", "crisis")],
        "zh": [("最近脑子里一直有轻生的念头。", "crisis"), ("我又想紫砂了。", "crisis")],
    },
    "method": {
        "en": [("I looked up how many of my pills it would take.", "crisis"),
               ("There's a bridge near my office and I keep thinking about how high it is.", "crisis")],
        "zh": [("我攒了两瓶安眠药，应该够了。", "crisis"), ("已经查好了哪座桥最高。", "crisis")],
    },
    "intent": {
        "en": [("I don't think I'll still be alive by the end of the month.", "crisis")],
        "zh": [("这次我是认真的，我要去死。", "crisis")],
    },
    "plan": {
        "en": [("I have a plan and a date now. Saturday.", "crisis"),
               ("On Sunday I'll drive up to the cliffs and that will be the end of it.", "crisis")],
        "zh": [("我已经计划好怎么死了，就在周六晚上。", "crisis"), ("想去天台吹吹风，然后一了百了。", "crisis")],
    },
    "preparation": {
        "en": [("I wrote my will today. I'm 23.", "crisis"),
               ("I gave my cat to my sister because I won't be around to look after her.", "crisis")],
        "zh": [("我已经写好了遗书。", "crisis"), ("我把后事都交代好了，银行卡密码写在本子上。", "crisis")],
    },
    "self_harm": {
        "en": [("I cut myself again last night and it's the only thing that helps.", "crisis"),
               ("the urge to cut is so strong tonight", "crisis")],
        "zh": [("我又开始划手腕了。", "crisis"), ("自残的时候才觉得自己还活着。", "crisis")],
    },
    "burden": {
        "en": [("Everyone would be better off if I was gone.", "crisis"),
               ("I'm just a burden to everyone around me.", "concern")],
        "zh": [("没有我，爸妈会过得更轻松。", "crisis"), ("我就是家里的累赘，拖累了所有人。", "concern")],
    },
    "hopelessness": {
        "en": [("Nothing is ever going to get better for me.", "concern")],
        "zh": [("一切都不会好起来了，看不到任何希望。", "concern")],
    },
    "entrapment": {
        "en": [("I can't escape this pain and dying seems like the only way out.", "crisis"),
               ("I feel trapped and there's no way out of this.", "concern")],
        "zh": [("除了死，我想不到别的出路了。", "crisis"), ("我被困住了，怎么也逃不出去。", "concern")],
    },
}
# Round 3: one sentence per category and language that only the word families (journal/safety/families_*.py) catch,
# so removing a category's families also fails its tests, not only removing its phrase rules.
FAMILY_CASES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "wish_to_be_dead": {"en": [("I'm praying to die in my sleep.", "crisis")], "zh": [('好想早点死啊。', "crisis")]},
    "suicidal_thoughts": {"en": [('Offing myself is all I think about at night.', "crisis")], "zh": [('脑子里一直有个声音叫我去死。', "crisis")]},
    "method": {"en": [('Googled what dose of paracetamol is fatal.', "crisis")], "zh": [('买了一瓶农药，放在衣柜里。', "crisis")]},
    "intent": {"en": [("I'm not afraid of death anymore.", "crisis")], "zh": [('这是你最后一次听到我的消息了。', "crisis")]},
    "plan": {"en": [("I'll do it when everyone's asleep.", "crisis")], "zh": [('我选好了地方，就是学校的天台。', "crisis")]},
    "preparation": {"en": [("I wrote a letter for my sister explaining why. It's in my desk.", "crisis")], "zh": [('给每个人都留了一封信，放在桌上。', "crisis")]},
    "self_harm": {"en": [('I burned my wrist with a cigarette on purpose.', "crisis")], "zh": [('一难过就狠狠咬自己的手，咬到出血。', "crisis")]},
    "burden": {"en": [('Everyone would be happier with me gone.', "crisis")], "zh": [('我消失了对大家都好。', "crisis")]},
    "hopelessness": {"en": [('Why keep living if it never gets better?', "crisis")], "zh": [('一切都好不起来了，活着只是在等结束。', "crisis")]},
    "entrapment": {"en": [("There's no escape for me except dying.", "crisis")], "zh": [('我走投无路了，只剩死这一条路。', "crisis")]},
}
# Round 4: sentences only the round-4 rules catch (context one sentence away, euphemisms, a chosen day, 最后的告别),
# written for this test (none is in a labelled set), so removing a category also loses these.
ROUND4_CASES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "wish_to_be_dead": {"en": [("Dying is the only thing I'm waiting for.", "crisis")], "zh": [("我想永远消失，真的。", "crisis"), ("我在考虑该不该自杀。", "crisis")]},
    "suicidal_thoughts": {"en": [("I keep thinking about the final exit.", "crisis")], "zh": []},
    "method": {"en": [("Picked up a second bottle of sleeping pills. Nobody knows why I need two.", "crisis")],
               "zh": [("网上下单了一箱炭。准备好了，就这周末。", "crisis")]},
    "plan": {"en": [],
             "zh": [("挑好了日子去死，就在下个月初。", "crisis")]},
    "preparation": {"en": [("Left a note for my brother in the glovebox. He'll find it afterwards.", "crisis"),
                           ("Gave my dog to my aunt this morning. She doesn't know it's forever.", "crisis")],
                    "zh": [("球鞋和相机都送给了表弟，反正以后再也不会需要了。", "crisis"), ("今晚跟所有的朋友做了最后的告别。", "crisis")]},
    "self_harm": {"en": [], "zh": [("以前割过手腕。", "concern")]},
    "burden": {"en": [("My family would be fine without me.", "crisis")], "zh": []},
}
# Round 7: the shapes the round-7 rules added (a reason to live not found in either word order, "stop living", relapse,
# 下辈子/这辈子, 画上句号, 哪种方式最不痛, the age one will not reach, fresh wounds, 最后一次跟你说话), written for this
# test: none is in a labelled, training or development set.
ROUND7_CASES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "wish_to_be_dead": {"en": [("Some nights I just want to stop living, plain and simple.", "crisis"),
                               ("I keep begging God to take me in my sleep.", "crisis")],
                        "zh": [("下辈子别再当人了，太累。", "crisis"), ("真想闭上眼睛以后就别再睁开。", "crisis"),
                               ("我都想不通何必还活着。", "crisis")]},
    "suicidal_thoughts": {"en": [("Might take a long walk off a short pier, and I'm not joking.", "crisis")], "zh": [("总想着给自己画上句号。", "crisis"), ("想给自己一个了断，一了百了。", "crisis")]},
    "method": {"en": [("Got a bag of charcoal today. I don't own a grill.", "crisis"),
                      ("Looked up which arteries are the quickest.", "crisis"),
                      ("Leaning on the railing at night, calculating the drop.", "crisis")],
               "zh": [("半夜一直在查哪种方法最没有痛苦。", "crisis"), ("一个人站在楼顶边缘很久很久。", "crisis"),
                      ("买了两袋炭，可我们家从来不烧烤。", "crisis")]},
    "intent": {"en": [("Honestly I don't plan on being around by spring.", "crisis")],
               "zh": [("我知道自己活不到二十五岁。", "crisis")]},
    "plan": {"en": [("It's settled, I know when and where.", "crisis"), ("I've settled on the rope.", "crisis")], "zh": []},
    "preparation": {"en": [("Recorded a video for my brother. It's sealed, for afterwards.", "crisis"),
                           ("C, this is the last time I'll talk to you. Thank you for everything.", "crisis")],
                    "zh": [("C，这是最后一次和你聊天了。", "crisis"),
                           ("我把猫送给了邻居，周六以后就用不上这些东西了。", "crisis")]},
    "self_harm": {"en": [("Burned myself again, the skin on my arm is blistering.", "crisis"),
                         ("Relapsed tonight after five weeks clean, the blade was right there.", "crisis")],
                  "zh": [("手臂上又多了三道，藏在袖子里。", "crisis"), ("最近特别想拿刀片在手腕上划几下。", "crisis"), ("今天又割伤了自己。", "crisis"),
                         ("好想拿刀片在手腕上划几下。", "crisis"), ("zc的念头又冒出来了，手在抖。", "crisis")]},
    "burden": {"en": [], "zh": [("我如果不在了，他们大概会轻松很多，也会过得更好。", "crisis")]},
    "hopelessness": {"en": [("I can't think of a single reason to keep living.", "crisis"),
                            ("There is nothing left worth living for.", "crisis"),
                            ("I've lost all will to live.", "crisis")],
                     "zh": [("怎么想也找不到继续活着的理由。", "crisis"), ("活下去的动力，我一点都没有了。", "crisis")]},
    "entrapment": {"en": [("There's no way out except that one, and I keep coming back to it.", "crisis"),
                          ("The only door left is the one you don't come back from.", "crisis")],
                   "zh": [("欠了那么多钱，走投无路，只剩天台那条路了。", "crisis")]},
}
# Everyday sentences near the round-7 rules: they stay quiet (the rules' own exceptions).
ROUND7_QUIET = [
    "I need to stop living in the past and book that trip.", "Stop living for other people's approval!",
    "I cut my hair again, shorter this time.", "Cut the grass again today, the lawn looks great.",
    "He relapsed on cigarettes again after a month.", "Take me back to that beach in Crete.",
    "There's no reason to stay after the concert ends.", "我和前任终于做了个了断。", "这是最后一次跟你说这件事了，下不为例。",
    "我们坐在天台边上看烟花。", "我们只有这一条路可以走，坚持下去。", "这样熬夜下去我活不到八十岁哈哈。",
    "今天切菜不小心又割伤了自己的手指。", "最好别醒那么早，周末要睡懒觉。",
    "We bought charcoal, sausages and tape for the party decorations.", "Which pills work best for a migraine?",
    "The time capsule letters are not meant to be opened until 2040.", "The presents are not meant to be opened yet, kids!",
    "Calculating the drop for the new shelves.", "Take a long walk off a short pier, said my brother, laughing.",
    "买了木炭，周末去公园烧烤。", "That's the last time I'll talk to Mark about money.",
    "We finally decided on the bridge loan for the house.", "This is the last time I'll write about the move, promise.", "我们分别在天台和楼下拍了照片。",
    # the review of round 7 (#18): everyday text the new rules fired on, and the denial the denial rule was made for
    "这是最后一次跟你说话了，我们分手吧", "我们俩坐在桥边上钓鱼", "为什么我还得活着上班啊", "我又一次伤害了自己的身体，熬夜到三点",
    "I relapsed on my phone detox after ten days clean.", "We decided on the bridge for the wedding photos.",
    "把旧衣服送给了邻居，搬家以后就用不上这些东西了。", "考完试以后就用不着这些教材了。",
    "伤害自己这种事我想都没想过",
]
# A crisis told with a denial that a turn overrules ("……从来没想过，但最近天天都在想"), and 别 that is no denial.
ROUND7_DENIAL_TURNED = ["我想死的念头从来没想过会这么强烈。", "想死这种事我从来没想过会落到自己头上，可现在每天都想。",
                        "自杀这种事我以前从来没想过，但最近天天都在想。", "别拦着我去死。"]
for _category, _by_lang in ROUND7_CASES.items():
    for _lang, _cases in _by_lang.items():
        CASES[_category][_lang] = CASES[_category][_lang] + _cases
for _category, _by_lang in ROUND4_CASES.items():
    for _lang, _cases in _by_lang.items():
        CASES[_category][_lang] = CASES[_category][_lang] + _cases
for _category, _by_lang in FAMILY_CASES.items():
    for _lang, _cases in _by_lang.items():
        CASES[_category][_lang] = CASES[_category][_lang] + _cases
CASE_IDS = [(category, lang) for category in CASES for lang in ("en", "zh")]


def test_every_category_has_cases_in_both_languages() -> None:
    assert set(CASES) == set(CATEGORIES)
    for category, by_lang in CASES.items():
        assert by_lang.get("en") and by_lang.get("zh"), category


def test_every_category_has_rules_in_both_languages() -> None:
    for context in assess_module.CONTEXTS:
        codes = {rule.code for rule in context.rules}
        assert set(CATEGORIES) <= codes, set(CATEGORIES) - codes


@pytest.mark.parametrize(("category", "lang"), CASE_IDS)
def test_the_category_is_caught_at_its_level(category: str, lang: str) -> None:
    for text, level in CASES[category][lang]:
        with learned.using(None):  # the rules' categories; round 5's learned signal may raise a concern case to crisis
            result = assess(text)
        assert result.level == level, (text, [str(r) for r in result.reasons])
        assert category in {r.code for r in result.reasons}, (text, [str(r) for r in result.reasons])


@pytest.mark.parametrize(("category", "lang"), CASE_IDS)
def test_without_the_categorys_rules_the_level_falls(category: str, lang: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    without = tuple(replace(ctx, rules=tuple(r for r in ctx.rules if r.code != category))
                    for ctx in assess_module.CONTEXTS)
    monkeypatch.setattr(assess_module, "CONTEXTS", without)
    # The rules' own coverage: the learned signal (tests/test_safety_learned.py) would catch many of these anyway.
    with learned.using(None):
        for text, level in CASES[category][lang]:
            assert LEVELS.index(assess(text).level) < LEVELS.index(level), text


@pytest.mark.parametrize("text", ROUND7_QUIET)
def test_everyday_sentences_near_the_round7_rules_stay_quiet(text: str) -> None:
    with learned.using(None):
        result = assess(text)
    assert result.level == "none", (text, [str(r) for r in result.reasons])


@pytest.mark.parametrize("text", ROUND7_DENIAL_TURNED)
def test_a_denial_a_turn_overrules_does_not_silence_the_crisis(text: str) -> None:
    with learned.using(None):  # the rules alone: the learned signal must not be what saves these
        result = assess(text)
    assert result.level == "crisis", (text, [str(r) for r in result.reasons])
