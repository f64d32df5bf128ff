"""The privacy pass: each kind of private detail in English and Chinese, undo, and no false alarms."""

from __future__ import annotations

import pytest
from stdnum import luhn

from journal.share.privacy import default_pseudonym, parse_names, redact

# 11010519491231002X is the textbook valid resident ID (checksum X); a Luhn-valid UnionPay-like number.
VALID_ID = "11010519491231002X"
CARD = "622202123456789012" + luhn.calc_check_digit("622202123456789012")


def kinds(text, **kw):
    return [(f.kind, f.original) for f in redact(text, **kw).findings]


def test_names_get_consistent_pseudonyms_and_respect_word_boundaries():
    r = redact("Aria met Will. Will you stay, Aria? ARIA! Ariana is someone else. 和Aria聊天", names=["Aria", "Will"])
    assert r.text == "A. met W. W. you stay, A.? A.! Ariana is someone else. 和A.聊天"  # one stop, not "W.."
    # "will" the verb is not the name Will
    assert "will" not in [f.original for f in r.findings]
    r = redact("Will will call.", names=["Will"])
    assert r.text == "W. will call."


def test_chosen_pseudonyms_and_chinese_names():
    r = redact("小雨说，李明和Aria都来了。李明很开心。", names={"李明": "L先生", "Aria": "Rose", "小雨": ""})
    assert r.text == "小某说，L先生和Rose都来了。L先生很开心。"
    assert parse_names(["Aria=Rose", "Bo"]) == {"Aria": "Rose", "Bo": "B."}
    assert default_pseudonym("Aria Chen") == "A. C."


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "+86 138 1234 5678", "+8613812345678",
     "0086 138 1234 5678"],
)
def test_chinese_mobile_numbers_in_every_spacing(number):
    r = redact(f"我的电话是{number}，晚上打给我。")
    assert [f.kind for f in r.findings] == ["phone"]
    assert r.findings[0].original == number
    assert r.text == "我的电话是[电话]，晚上打给我。"


@pytest.mark.parametrize("number", ["+1 (415) 555-2671", "(415) 555-2671", "+44 20 7946 0958", "+81 3-1234-5678",
                                    "010-12345678"])
def test_international_and_landline_numbers(number):
    r = redact(f"Call me at {number} tonight.")
    assert [f.kind for f in r.findings] == ["phone"], r.findings
    assert r.text == "Call me at [phone] tonight."


def test_emails():
    assert kinds("write to aria.chen+diary@example.co.uk now") == [("email", "aria.chen+diary@example.co.uk")]
    assert redact("邮箱是 rose_2024@qq.com 哦").text == "邮箱是 [邮箱] 哦"


def test_chinese_id_card_with_checksum():
    assert kinds(f"身份证号 {VALID_ID}。") == [("id_card", VALID_ID)]
    assert kinds(f"身份证号 {VALID_ID.lower()}。") == [("id_card", VALID_ID.lower())]
    # a mistyped check digit still leaves a real region and birth date: redacted all the same
    assert kinds("身份证 110101199003071234。") == [("id_card", "110101199003071234")]
    # 18 digits without a real region code and birth date: an order number, left alone
    assert kinds("订单号 202403151030001234，快递 990101199013071234。") == []


def test_bank_card_numbers_pass_luhn():
    spaced = " ".join(CARD[i:i + 4] for i in range(0, len(CARD), 4))
    assert kinds(f"卡号 {spaced} 别告诉别人") == [("bank_card", spaced)]
    assert kinds("card 4111-1111-1111-1111 expires") == [("bank_card", "4111-1111-1111-1111")]
    assert kinds("card 4111-1111-1111-1112 expires") == []  # Luhn fails


def test_addresses_english_and_chinese():
    assert kinds("I live at 123 Main Street, Apt 4B, near the park.") == [("address", "123 Main Street, Apt 4B")]
    assert kinds("Meet me at 5 Oak Avenue.") == [("address", "5 Oak Avenue")]
    assert kinds("Her flat is Apt 7C.") == [("address", "Apt 7C")]
    r = redact("我住在上海市徐汇区漕溪北路88号3号楼502室，以前住长乐路123弄4号。")
    assert [f.original for f in r.findings] == ["上海市徐汇区漕溪北路88号3号楼502室", "长乐路123弄4号"]
    assert r.text == "我住在[地址]，以前住[地址]。"
    assert kinds("北京市朝阳区建国路88号") == [("address", "北京市朝阳区建国路88号")]
    assert kinds("小区3栋2单元502室") == [("address", "小区3栋2单元502室")]


def test_ip_addresses():
    assert kinds("server 192.168.1.10 is down") == [("ip", "192.168.1.10")]
    assert kinds("v6 2001:db8::1 and fe80::1ff:fe23:4567:890a.") == [("ip", "2001:db8::1"),
                                                                     ("ip", "fe80::1ff:fe23:4567:890a")]
    assert kinds("not an ip 999.1.1.1") == []


def test_wechat_and_qq_ids_next_to_their_label():
    r = redact("加我微信 aria_2024，或者微信号：AriaRose，QQ 123456789，wx: rose1234")
    assert [(f.kind, f.original) for f in r.findings] == [
        ("im_id", "aria_2024"), ("im_id", "AriaRose"), ("im_id", "123456789"), ("im_id", "rose1234")]
    assert r.text == "加我微信 [账号]，或者微信号：[账号]，QQ [账号]，wx: [账号]"
    assert kinds("My WeChat ID: rose_88") == [("im_id", "rose_88")]
    # the label alone, or a plain word after it, is not an ID
    assert kinds("我们在微信聊天。WeChat message is fine. QQ音乐很好听。") == []


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-15 at 10:30, then 23:59:59.",
        "2024年3月15日，1998年，第3章，下午5点。",
        "It cost $1,299.99 or ¥2999, maybe 3 cats and 12 dogs.",
        "I have 3 cats. Room 12345. Version 1.2.3. ISBN 978-3-16-148410-0.",
        "一路上很开心，走了一路88步。马路上人很多。",
        "Will you come? I will.",
        "We talked for 45 minutes at 12:30:45 pm in 2026.",
        "今天走了12000步，花了388元，体重52.5公斤。",
    ],
)
def test_ordinary_words_and_numbers_are_left_alone(text):
    r = redact(text, names=["Aria", "Will"])
    assert r.text == text.replace("Will you", "W. you"), r.findings


def test_undo_a_single_finding():
    text = "Aria: 138 1234 5678, aria@example.com"
    r = redact(text, names=["Aria"])
    assert r.text == "A.: [phone], [email]"
    phone = next(f for f in r.findings if f.kind == "phone")
    assert phone.start == 6 and phone.end == 19 and text[phone.start:phone.end] == phone.original
    undone = r.without(phone.id)
    assert undone.text == "A.: 138 1234 5678, [email]"
    assert undone.restore(phone.id).text == r.text
    # the same undo given up front, as a page rerun would
    assert redact(text, names=["Aria"], keep=[phone.id]).text == undone.text


def test_findings_do_not_overlap_and_email_wins_over_name():
    r = redact("aria@example.com and Aria", names=["Aria"])
    assert [(f.kind, f.original) for f in r.findings] == [("email", "aria@example.com"), ("name", "Aria")]
    spans = [(f.start, f.end) for f in r.findings]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_every_form_of_a_listed_name_follows_the_same_pseudonym():
    # #16: with "Wei Zhang=W. Z." the given name alone was left: "C said hi to Wei."
    text = "Wei Zhang met me at the shop. C said hi to Wei. ZHANG laughed, and so did Zhang."
    out = redact(text, {"Wei Zhang": "W. Z."}).text
    assert out == "W. Z. met me at the shop. C said hi to W. Z. laughed, and so did Z."
    zh = redact("张伟来了。伟说他很伟大。小伟和阿伟是一个人，老张也是。我和伟一起走。一张纸。", {"张伟": "林一"}).text
    assert zh == "林一来了。一说他很伟大。小一和阿一是一个人，老林也是。我和一一起走。一张纸。"
    assert "伟" not in redact("张伟说：伟，晚安。", {"张伟": "林一"}).text
    assert redact("欧阳娜娜和娜娜", {"欧阳娜娜": "林小雨"}).text == "林小雨和小雨"


def test_pseudonyms_hold_across_carousel_caption_thread_and_html():
    from journal.share.export import caption_file, html_file, markdown_file
    from journal.share.post import make_post
    from journal.share.source import ShareTurn, source_from_turns

    source = source_from_turns([ShareTurn("Wei Zhang", "张伟说：伟，晚安。Wei is tired.", True),
                                ShareTurn("C", "Good night, Wei. 晚安，小伟。", False, ai=True)],
                               companion_name="C", title="For Wei")
    names = {"Wei Zhang": "W. Z.", "张伟": "林一"}
    for fmt in ("xiaohongshu", "thread"):
        post = make_post(source, fmt, "chat", caption="Wei and 阿伟 at night", names=names)
        shown = [caption_file(post), html_file(post), markdown_file(post), "\n".join(post.thread),
                 "".join(card.text for card in post.cards), post.title]
        for words in shown:
            assert "Wei" not in words and "伟" not in words, words
        assert "林一" in caption_file(post) + markdown_file(post) or fmt == "thread"
        assert "W." in post.title and "阿一" in post.caption


def test_the_preview_marks_every_replacement_and_only_those():
    from journal.share.protect import highlighted, protect
    from journal.share.source import ShareTurn, source_from_turns

    source = source_from_turns([ShareTurn("Wei", "Wei called me, 138 1234 5678.", True),
                                ShareTurn("C", "Hi, Wei.", False, ai=True)], title="For Wei")
    protected = protect(source, {"Wei Zhang": "W. Z."})
    pieces = dict(highlighted(source, protected))
    assert pieces["title"] == [("For ", False), ("W.", True)]
    assert [text for text, replaced in pieces["turn.0"] if replaced] == ["W.", "[phone]"]
    assert "".join(text for text, _ in pieces["turn.1"]) == protected.source.turns[1].text
