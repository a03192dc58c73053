"""Importers: our JSON, call-center text exports, encodings and bad input."""

from __future__ import annotations

import json
import re

import pytest

from qa_engine.conversation import Speaker
from qa_engine.errors import InputError
from qa_engine.importers import decode_text, load_conversation, parse_json, parse_text_export


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def test_importers_text_export_with_chinese_prefixes(tmp_path):
    path = write(tmp_path, "c1.txt", "客服：您好，工号1024\n用户: 我要查话费\n坐席:好的\n客户：谢谢\n")
    conv = load_conversation(path)
    assert [u.speaker for u in conv.utterances] == [Speaker.AGENT, Speaker.CUSTOMER,
                                                    Speaker.AGENT, Speaker.CUSTOMER]
    assert conv.utterances[0].text == "您好，工号1024"
    assert conv.id == "c1" and not conv.timed
    assert all(u.start is None and u.end is None for u in conv.utterances)  # no invented times
    assert conv.attributes["quality_gate"]["acoustics"] == "no time stamps"


def test_importers_json_accepts_utterances_without_times():
    conv = parse_json('{"id": "chat-1", "channel": "chat", "utterances": ['
                      '{"speaker": "agent", "text": "您好"}, {"speaker": "customer", "text": "在吗"}]}')
    assert not conv.timed and conv.duration == 0.0 and conv.utterances[0].duration == 0.0


@pytest.mark.parametrize("utterances, message", [
    ('[{"speaker": "agent", "start": 1.0, "text": "您好"}]', "both start and end"),
    ('[{"speaker": "agent", "start": 0, "end": 1, "text": "您好"}, {"speaker": "customer", "text": "嗯"}]',
     "utterances[1]"),
])
def test_importers_json_refuses_half_timed_utterances(utterances, message):
    with pytest.raises(InputError, match=re.escape(message)):
        parse_json(f'{{"id": "c", "utterances": {utterances}}}')


def test_importers_text_export_refuses_mixed_time_stamps():
    with pytest.raises(InputError, match="some lines have a time stamp"):
        parse_text_export("[00:01] 客服: 您好\n用户: 在吗", default_id="x")


def test_importers_text_export_english_labels_headers_and_timestamps(tmp_path):
    content = "# id: call-9\n# agent_id: A7\n# queue: billing\n[00:01] Agent: hello\n[00:04.5] Customer: hi\n"
    conv = load_conversation(write(tmp_path, "x.txt", content))
    assert (conv.id, conv.agent_id, conv.queue) == ("call-9", "A7", "billing")
    assert conv.utterances[1].start == 4.5 and conv.utterances[0].end <= 4.5
    assert conv.timed and "quality_gate" not in conv.attributes


def test_importers_continuation_lines_join_previous_utterance():
    conv = parse_text_export("客服: 您好\n请问有什么可以帮您\n用户: 嗯", default_id="x")
    assert conv.utterances[0].text == "您好请问有什么可以帮您"


@pytest.mark.parametrize("encoding,bom", [("gb18030", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_importers_detect_encodings(tmp_path, encoding, bom):
    path = write(tmp_path, "e.txt", bom + "客服：您好，请问有什么可以帮您\n用户：查快递\n".encode(encoding))
    assert load_conversation(path).utterances[1].text == "查快递"


def test_importers_undecodable_bytes_name_the_problem():
    with pytest.raises(InputError, match="cannot decode"):
        decode_text(b"\x81\xff\xfe\x00\x81", source="x.txt")


def test_importers_json_round_trip(tmp_path, conversation):
    path = write(tmp_path, "c.json", conversation.model_dump_json())
    loaded = load_conversation(path)
    assert loaded.utterances == conversation.utterances and loaded.source == str(path)


def test_importers_malformed_json_names_file_and_position(tmp_path):
    with pytest.raises(InputError, match=r"bad.json: malformed JSON at line 1 column"):
        load_conversation(write(tmp_path, "bad.json", '{"id": "x", '))


def test_importers_empty_file(tmp_path):
    with pytest.raises(InputError, match="empty.json: file is empty"):
        load_conversation(write(tmp_path, "empty.json", ""))


def test_importers_unknown_speaker_names_field_path(tmp_path):
    data = {"id": "x", "utterances": [{"speaker": "supervisor", "start": 0, "end": 1, "text": "hi"}]}
    with pytest.raises(InputError, match=r"utterances\[0\]\.speaker: .*'supervisor'"):
        load_conversation(write(tmp_path, "s.json", json.dumps(data)))


def test_importers_unknown_speaker_label_in_timestamped_text(tmp_path):
    with pytest.raises(InputError, match=r"line 2: unknown speaker label '主管'.*客服"):
        load_conversation(write(tmp_path, "t.txt", "[00:01] 客服: 您好\n[00:03] 主管: 插话\n"))


def test_importers_unknown_speaker_label_in_untimed_text_is_not_glued_on(tmp_path):
    with pytest.raises(InputError, match=r"line 3: unknown speaker label '主管'.*客服"):
        load_conversation(write(tmp_path, "t.txt", "客服: 您好\n用户: 查话费\n主管: 我来处理\n"))
    conv = parse_text_export("客服: 您好\n  备注：稍后回电\n用户: 好", default_id="x")
    assert conv.utterances[0].text == "您好备注：稍后回电"


def test_importers_text_without_any_prefix(tmp_path):
    with pytest.raises(InputError, match="line 1: expected a speaker prefix"):
        load_conversation(write(tmp_path, "t.txt", "just some words\n"))


def test_importers_refuse_transcript_without_agent(tmp_path):
    with pytest.raises(InputError, match="no agent utterances"):
        load_conversation(write(tmp_path, "t.txt", "用户: 喂？有人吗\n用户: 喂\n"))


def test_importers_end_before_start(tmp_path):
    data = {"id": "x", "utterances": [{"speaker": "agent", "start": 5, "end": 1, "text": "hi"}]}
    with pytest.raises(InputError, match=r"utterances\[0\].*before start"):
        load_conversation(write(tmp_path, "s.json", json.dumps(data)))


def test_importers_unsupported_suffix(tmp_path):
    with pytest.raises(InputError, match=r"unsupported file type '.docx'; expected one of: .*\.json"):
        load_conversation(write(tmp_path, "a.docx", "x"))
