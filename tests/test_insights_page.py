"""The Insights page through AppTest: empty notebook, figures and charts, periods, the nudge and its dismissal."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.insights import nudge as rule
from journal.insights.nudge import nudge_state
from journal.notebook import Notebook
from journal.stories.model import Story, Turn

TIMEOUT = 30
PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "insights.py")


def _page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=TIMEOUT).run()


def _charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def _story_minutes(nb: Notebook, day: date, minutes: int, title: str = "Evening") -> None:
    """One story with a turn every 5 minutes for ``minutes`` active minutes starting at 20:00 on ``day``."""
    start = _local(day, 20)
    turns = [Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"line {i}"],
                  created=start + timedelta(minutes=5 * i)) for i in range(minutes // 5 + 1)]
    nb.stories.add(Story(id="", title=title, companion="wren", turns=turns))


def test_an_empty_notebook_says_so_calmly() -> None:
    at = _page()
    assert not at.exception
    assert at.title[0].value == "Insights"
    assert any("Nothing to show yet" in i.value for i in at.info)
    assert _charts(at) == []


def test_figures_charts_and_periods(notebook: Notebook) -> None:
    today = date.today()
    for i in range(5):
        notebook.create_entry("one two three", title=f"Day {i}", tags=["walk"], mood=4 - i % 2,
                              created=_local(today - timedelta(days=i), 21))
    notebook.create_entry("old", title="Long ago", tags=["old"], mood=3,
                          created=_local(today - timedelta(days=400), 9))
    notebook.create_entry("a year ago", title="**A year** ago <b>", created=_local(today.replace(year=today.year - 1), 9)
                          if not (today.month == 2 and today.day == 29) else _local(today - timedelta(days=366), 9))
    _story_minutes(notebook, today - timedelta(days=1), 30)

    at = _page()
    assert not at.exception
    assert _metric(at, "Entries") == "5"
    assert _metric(at, "Writing streak") == "5 days"
    assert _metric(at, "Time with companions") == "30 min"
    charts = _charts(at)
    assert len(charts) == 5  # mood, entries/week, words/week, companion, tags
    assert "Mood (1–5)" in json.dumps(json.loads(charts[0].proto.spec), ensure_ascii=False)  # titles from the catalogue
    assert any(m.value == "**\\*\\*A year\\*\\* ago \\<b\\>**" for m in at.markdown)  # escaped, never markup

    at.segmented_control(key="insights_period").set_value("all").run()
    assert not at.exception
    assert _metric(at, "Entries") == "7"

    notebook.create_entry("written while the page was open", mood=1, created=_local(today, 8))
    at.run()  # the cached figures notice the change
    assert _metric(at, "Entries") == "8"


def test_the_page_is_in_the_navigation_and_speaks_chinese(app_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    assert at.title[0].value == "洞察"


def test_the_nudge_appears_once_and_can_be_dismissed(notebook: Notebook) -> None:
    today = date.today()
    for i in range(rule.MIN_MOODS_PER_WINDOW):
        notebook.create_entry("a good week", mood=5, created=_local(today - timedelta(days=rule.WINDOW_DAYS + 1 + i), 9))
        notebook.create_entry("a heavy week", mood=2, created=_local(today - timedelta(days=i), 9))
    recent = int(rule.MIN_RECENT_MINUTES + rule.MIN_TIME_RISE_MINUTES) + 5
    _story_minutes(notebook, today - timedelta(days=1), recent)

    at = _page()
    assert not at.exception
    assert any("Maybe take a small step back?" in m.value for m in at.markdown)
    assert nudge_state(notebook.home).last_shown == today
    at.run()  # a rerun keeps the same note on screen
    assert any("step back" in m.value for m in at.markdown)
    at.button(key="wellbeing_nudge_dismiss").click().run()
    assert not at.exception
    assert not any("step back" in m.value for m in at.markdown)
    assert nudge_state(notebook.home).dismissed
    assert not any("step back" in m.value for m in _page().markdown)  # a new session keeps it closed


def test_no_nudge_when_mood_is_steady(notebook: Notebook) -> None:
    today = date.today()
    for i in range(rule.MIN_MOODS_PER_WINDOW):
        notebook.create_entry("fine", mood=4, created=_local(today - timedelta(days=rule.WINDOW_DAYS + 1 + i), 9))
        notebook.create_entry("fine", mood=4, created=_local(today - timedelta(days=i), 9))
    _story_minutes(notebook, today - timedelta(days=1), 120)
    at = _page()
    assert not at.exception
    assert not any("step back" in m.value for m in at.markdown)
    assert nudge_state(notebook.home).last_shown is None


def _spec(chart) -> str:
    return json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)


def test_chart_dates_and_long_durations_read_naturally_in_chinese(notebook: Notebook,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Vega labels dates in English whatever the page ("Nov 22", "November"); the axes and tooltips now use the
    # catalogue's formats. "21 小时 9 分钟" was cut to "21 小时 9 …" in its metric column.
    monkeypatch.setenv("DUET_LANG", "zh")
    today = date.today()
    for i in range(3):
        notebook.create_entry("一二三", tags=["夜晚"], mood=3, created=_local(today - timedelta(days=i), 21))
    for i in range(2, 4):
        _story_minutes(notebook, today - timedelta(days=i), 320, title=f"长夜 {i}")
    at = _page()
    assert not at.exception
    for chart in _charts(at)[:4]:  # mood, entries/week, words/week, companion: all on a time axis
        spec = _spec(chart)
        assert "%-m月%-d日" in spec and "%Y年%-m月%-d日" in spec, spec[:300]
    assert _metric(at, "陪伴时长") == "11 小时"


def test_every_top_tag_gets_room_for_its_label(notebook: Notebook) -> None:
    # Seven tags in 168 px, less the axis, left 13 px a bar: Vega hid every other label.
    from ui.insights.charts import TAG_ROW_PX, tags_chart

    tags = [(f"tag{i}", 10 - i) for i in range(7)]
    height = tags_chart(tags).to_dict()["height"]
    assert height - 60 >= TAG_ROW_PX * len(tags) >= 24 * len(tags)


def test_whole_counts_get_whole_ticks() -> None:
    # Two tags used once and twice: Vega's default axis read 0, 0.2, 0.4 … 2.0 (#20.27).
    from journal.insights import WeekStat
    from ui.insights.charts import tags_chart, weekly_chart

    tag_axis = tags_chart([("love", 2), ("rain", 1)]).to_dict()["encoding"]["x"]["axis"]
    assert tag_axis["tickMinStep"] == 1 and tag_axis["format"] == "d"
    weeks = [WeekStat(week_start=date(2026, 4, 6), entries=1, words=12)]
    for measure in ("entries", "words"):
        axis = weekly_chart(weeks, measure).to_dict()["encoding"]["y"]["axis"]
        assert axis["tickMinStep"] == 1 and axis["format"] == "d"
