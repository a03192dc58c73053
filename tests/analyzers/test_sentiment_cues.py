"""The sentiment cue features: what each cue fires on, and what it leaves alone."""

from __future__ import annotations

import numpy as np

from qa_engine.analyzers.sentiment_cues import CUE_NAMES, cue_matrix


def fired(text: str) -> set[str]:
    return {n for n, v in zip(CUE_NAMES, cue_matrix([text])[0], strict=True) if v}


def test_praise_beside_a_failure_is_irony_but_praise_alone_is_not():
    assert "praise_with_failure" in fired("不错嘛，第三次打电话还是同样的话术")
    assert "praise_with_failure" in fired("前面3位顾客,已超过1小时了,还没到我,电信4G真快")
    assert "praise_with_failure" not in fired("服务很好，点赞")
    assert "hehe_with_failure" in fired("呵呵，等了一个小时还是没人")
    assert not fired("好的")


def test_repeat_contact_waiting_nobody_and_rhetoric():
    assert {"repeat_contact", "praise_with_failure"} <= fired("不错嘛，第三次打电话还是同样的话术")
    assert "waiting" in fired("都十天了,还没收到退款")
    assert "nobody" in fired("我给你们发私信了,然后就没人理我了？")
    assert "rhetorical" in fired("我又凭什么承担？")
    assert "rhetorical" in fired("有用吗？？")


def test_thanks_for_a_fix_and_pleasant_surprise_are_their_own_cues():
    assert "resolved_thanks" in fired("问题解决了，非常感谢")
    assert "resolved_thanks" in fired("谢谢,现在好了")
    assert "pleasant_surprise" in fired("没想到这么快就修好了")
    assert "resolved_thanks" not in fired("还没解决")
    assert "resolved_thanks" not in fired("问题解决了吗？谢谢")
    assert "resolved_thanks" not in fired("说好的解决了呢？谢谢你们啊")


def test_cue_matrix_is_binary_texts_by_cues():
    m = cue_matrix(["好的", "都十天了,还没收到退款", ""])
    assert m.shape == (3, len(CUE_NAMES)) and m.dtype == np.float32
    assert set(np.unique(m)) <= {0.0, 1.0} and m[0].sum() == 0 and m[1].sum() >= 1
