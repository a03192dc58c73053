"""KPI CSV: decoded, every cell checked, problems reported in one line."""

from __future__ import annotations

import pytest

from qa_engine.errors import KPIError
from qa_engine.kpis import load_kpis_csv

HEADER = "conversation_id,aht_seconds,answer_rate_20s,fcr,csat,nps_score,response_time_seconds\n"


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "k.csv"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_kpis_blank_cells_are_unknown_and_short_rows_too(tmp_path):
    path = write(tmp_path, "conversation_id,csat,aht_seconds\nc0,4.5,\nc1,,300\nc2,3\n")
    assert load_kpis_csv(path) == {"c0": {"csat": 4.5}, "c1": {"aht_seconds": 300.0},
                                   "c2": {"csat": 3.0}}


def test_kpis_gbk_and_utf8_bom_files_are_read(tmp_path):
    text = "conversation_id,csat\n通话-1,4\n"
    assert load_kpis_csv(write(tmp_path, text, "gbk")) == {"通话-1": {"csat": 4.0}}
    assert load_kpis_csv(write(tmp_path, text, "utf-8-sig")) == {"通话-1": {"csat": 4.0}}


def test_kpis_binary_file_is_refused(tmp_path):
    with pytest.raises(KPIError, match="binary"):
        load_kpis_csv(write(tmp_path, bytes(range(256)) * 4))


@pytest.mark.parametrize(("row", "message"), [
    ("c0,300,0.9,1,4,9,20,99", r"line 2: 8 cells but the header has 7 columns"),
    ("c0,nan,0.9,1,4,9,20", r"line 2: KPI 'aht_seconds' is not a finite number: 'nan'"),
    ("c0,300,inf,1,4,9,20", r"KPI 'answer_rate_20s' is not a finite number"),
    ("c0,300,0.9,1,-2,9,20", r"line 2: KPI 'csat' = -2 is out of range \[1, 5\]"),
    ("c0,300,0.9,-1,4,9,20", r"KPI 'fcr' = -1 is out of range \[0, 1\]"),
    ("c0,300,95,1,4,9,20", r"KPI 'answer_rate_20s' = 95 is out of range \[0, 1\]"),
    ("c0,-5,0.9,1,4,9,20", r"KPI 'aht_seconds' = -5 is out of range"),
    ("c0,300,0.9,1,4,11,20", r"KPI 'nps_score' = 11 is out of range \[0, 10\]"),
    ("c0,300,0.9,1,great,9,20", r"KPI 'csat' is not a number: 'great'"),
    (",300,0.9,1,4,9,20", r"line 2: empty conversation_id"),
])
def test_kpis_bad_cells_are_named_with_line_and_column(tmp_path, row, message):
    with pytest.raises(KPIError, match=message) as info:
        load_kpis_csv(write(tmp_path, HEADER + row + "\n"))
    assert info.value.code == "QA110" and "\n" not in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "k.csv") + ": ")


def test_kpis_misspelled_column_suggests_the_right_one(tmp_path):
    with pytest.raises(KPIError, match=r"unknown KPI column 'cast' \(did you mean 'csat'\?\)"):
        load_kpis_csv(write(tmp_path, "conversation_id,cast\nc0,4\n"))
    with pytest.raises(KPIError, match=r"needs a 'conversation_id' column.*did you mean"):
        load_kpis_csv(write(tmp_path, "conversation_ids,csat\nc0,4\n"))


def test_kpis_custom_scorecard_kpis_are_accepted(tmp_path):
    path = write(tmp_path, "conversation_id,hold_seconds\nc0,12\n")
    assert load_kpis_csv(path, extra_kpis={"hold_seconds"}) == {"c0": {"hold_seconds": 12.0}}


def test_kpis_duplicate_ids_and_all_problems_counted(tmp_path):
    text = HEADER + "c0,300,0.9,1,4,9,20\nc1,1e9,0.9,1,4,9,20\nc0,310,0.9,1,4,9,20\nc2,1,2,3,4,5,6\n"
    with pytest.raises(KPIError) as info:
        load_kpis_csv(write(tmp_path, text))
    message = str(info.value)
    assert "line 3: KPI 'aht_seconds' = 1e9 is out of range" in message
    assert "line 4: conversation_id 'c0' repeats line 2" in message
    assert "(+3 more:" in message


def test_kpis_missing_or_empty_file(tmp_path):
    with pytest.raises(KPIError, match="not found"):
        load_kpis_csv(tmp_path / "nope.csv")
    with pytest.raises(KPIError, match="empty"):
        load_kpis_csv(write(tmp_path, ""))
