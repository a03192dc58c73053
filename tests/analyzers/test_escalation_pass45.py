"""Forty-fifth pass (``THREAT_PASSES.md`` "Forty-fifth pass"), read as a general frame, **in-sample**: a post, an exposure post or
a long review written on a platform named with 去 / 到 / 在 / 上 (我去小红书上写个帖子 · 在大众点评上写个长评) is going public, as
发帖子 there already was. The first sentence is `fresh57_test`'s threat `f57-t-027` (a half scored long ago, development material
since); the others were written for these tests."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons


def test_the_version_is_rules_45_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 45


@pytest.mark.parametrize("text", [
    "退几块钱有什么用，我今晚就在大众点评上写个长评，把你们这店怎么糊弄人的写清楚。",
    "我去小红书上写个帖子",
    "我要在知乎上写篇长文",
    "你们再不处理 我就去微博上写个帖子",
])
def test_a_post_or_long_review_written_on_a_named_platform_is_a_threat(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我在大众点评上写个好评",
    "我在小红书上看到一篇文章",
    "我在小红书上写过一篇探店文章 很喜欢你们",
    "我朋友在小红书上写了个帖子说你们好",
])
def test_a_good_review_an_article_read_or_a_past_post_is_no_step(text):
    assert "threat" not in reasons(text)


def test_a_negated_post_stays_negated():
    assert_calm("我不会在大众点评上写长评的 放心")
