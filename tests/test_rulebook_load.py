"""Loading and validating rulebooks: the shipped default, and readable errors for bad ones."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from qa_engine.analyzers.keywords import DEFAULT_RULE_IDS
from qa_engine.errors import ConfigError, UnknownNameError
from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH, load_rulebook, parse_rulebook

REQUIRED_IDS = {
    "greeting", "self_intro", "confirm_need", "verify_identity", "apology_on_complaint", "empathy",
    "hold_notice", "hold_thanks", "closing_offer_help", "closing_farewell", "forbidden_dismissive",
    "forbidden_rude", "forbidden_profanity", "forbidden_blame", "forbidden_promise",
}


def _parse(text: str):
    return parse_rulebook(tomllib.loads(text), source="rulebook.toml")


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        _parse(text)
    return str(info.value)


def test_rulebook_default_loads_with_version_and_required_rules() -> None:
    assert DEFAULT_RULEBOOK_PATH.is_file()
    book = load_rulebook()
    assert book.version
    ids = {r.id for r in book.rules}
    assert len(ids) >= 15
    assert REQUIRED_IDS <= ids
    assert ids == DEFAULT_RULE_IDS  # the analyzer's FINDINGS stays in step with the file
    profanity = next(r for r in book.rules if r.id == "forbidden_profanity")
    assert profanity.red_line


def test_rulebook_unknown_rule_key_names_rule_key_and_valid_keys() -> None:
    msg = _error('version = "1"\n[[rules]]\nid = "greting"\nkind = "required"\nphrses = ["您好"]\n')
    assert msg.startswith("rulebook.toml: ")
    assert "rules[0] 'greting': unknown key 'phrses'; expected one of:" in msg
    assert "phrases" in msg and "window" in msg and "exclusions" in msg


def test_rulebook_unknown_key_in_nested_window_lists_window_keys() -> None:
    msg = _error('version = "1"\n[[rules]]\nid = "g"\nkind = "required"\nphrases = ["您好"]\n'
                 'window = { first_utterance = 2 }\n')
    assert "rules[0] 'g'.window: unknown key 'first_utterance'" in msg
    assert "first_utterances, last_utterances, first_seconds, last_seconds" in msg


def test_rulebook_unknown_key_in_group_and_anchor_and_top_level() -> None:
    msg = _error('version = "1"\n[[rules]]\nid = "g"\nkind = "required"\n'
                 'groups = [{ phrase = ["x"] }]\n')
    assert "rules[0] 'g'.groups[0]: unknown key 'phrase'" in msg and "after, before, within" in msg
    msg = _error('version = "1"\n[anchors.a]\nphrases = ["x"]\nrole_ = "agent"\n'
                 '[[rules]]\nid = "g"\nkind = "required"\nphrases = ["y"]\n')
    assert "anchors.a: unknown key 'role_'" in msg and "tolerance" in msg
    msg = _error('version = "1"\nverison = "2"\n[[rules]]\nid = "g"\nkind = "required"\nphrases = ["y"]\n')
    assert "unknown key 'verison'; expected one of: version" in msg


def test_rulebook_bad_values_are_named() -> None:
    msg = _error('version = "1"\n[[rules]]\nid = "g"\nkind = "must"\nphrases = ["y"]\n')
    assert "rules[0] 'g'.kind" in msg and "'required', 'forbidden' or 'detect'" in msg
    msg = _error('version = "1"\n[[rules]]\nid = "g"\nphrases = ["y"]\n')
    assert "missing required key 'kind'" in msg
    msg = _error('version = "1"\n[[rules]]\nid = "g"\nkind = "required"\nphrases = ["y"]\ntolerance = "soundex"\n')
    assert "'exact', 'pinyin' or 'fuzzy_pinyin'" in msg


def test_rulebook_unknown_anchor_is_an_unknown_name_listing_anchors() -> None:
    text = ('version = "1"\n[anchors.customer_complaint]\nphrases = ["投诉"]\n'
            '[[rules]]\nid = "apology"\nkind = "required"\nphrases = ["抱歉"]\nwhen = ["complaint"]\n')
    with pytest.raises(UnknownNameError) as info:
        _parse(text)
    assert "Unknown anchor 'complaint'" in str(info.value)
    assert "expected one of: customer_complaint" in str(info.value)
    with pytest.raises(UnknownNameError, match="after"):
        _parse(text.replace('when = ["complaint"]', 'after = "nope"'))


@pytest.mark.parametrize(("snippet", "expected"), [
    ('phrases = ["y"]\nregex = ["工号("]', "invalid regex '工号('"),
    ('phrases = ["，！"]', "empty after normalisation"),
    ('phrases = ["y"]\ngroups = [{ phrases = ["z"] }]', "not both"),
    ('quantifier = "at_least"\nat_least = 3\ngroups = [{ phrases = ["a"] }, { phrases = ["b"] }]',
     "at_least = 3 but the rule has only 2"),
    ('quantifier = "at_least"\nphrases = ["a"]', "go together"),
    ('phrases = ["y"]\nwindow = { first_utterances = 2, last_seconds = 5 }', "not both"),
    ('phrases = ["y"]\nwithin = 2', "'within' needs 'after', 'before' or 'gap'"),
    ('', "needs phrases, regex, a detector or groups"),
])
def test_rulebook_semantic_errors(snippet: str, expected: str) -> None:
    msg = _error(f'version = "1"\n[[rules]]\nid = "g"\nkind = "required"\n{snippet}\n')
    assert expected in msg
    assert "'g'" in msg


def test_rulebook_duplicate_rule_id() -> None:
    rule = '[[rules]]\nid = "g"\nkind = "required"\nphrases = ["y"]\n'
    assert "duplicate rule id 'g'" in _error('version = "1"\n' + rule + rule)


def test_rulebook_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_rulebook(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("version = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml: invalid TOML"):
        load_rulebook(bad)
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes('version = "1"  # 规则\n'.encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_rulebook(gbk)
    typo = tmp_path / "typo.toml"
    typo.write_text('version = "1"\n[[rules]]\nid = "g"\nkind = "required"\nphrses = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^typo.toml: rules\[0\] 'g': unknown key 'phrses'"):
        load_rulebook(typo)


def test_rulebook_hotwords_prime_asr_with_expected_phrases_only() -> None:
    from qa_engine.rulebook import hotwords

    book = load_rulebook()
    words = hotwords(book)
    assert words[:1] == ["您好"] and "有什么可以帮您" in words and "请稍等" in words
    assert "他妈的" not in words and "不知道" not in words  # never prime a decoder with 禁语
    assert len(words) == len(set(words))
    assert len(hotwords(book, limit=5)) == 5
