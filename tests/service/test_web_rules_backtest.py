"""The Rules page shows the latest saved backtest (`qa rules backtest --save`): its date,
label file, split, call count and per-finding figures, read from the file, never computed;
without a saved report it says how to produce one."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from qa_engine.commands.rules import register

from ..test_backtest import _files
from .conftest import fake_inspector
from .test_web_pages import sign_in

CARD = ('name = "kw"\nversion = "1"\ntotal_weight = 10\n[analyzers]\nkeywords = "keywords.v1"\n'
        '[[sections]]\nid = "s"\nweight = 10\nitems = [\n'
        ' { id = "greeting", finding = "keywords.greeting", weight = 5 },\n'
        ' { id = "no_rude", finding = "keywords.forbidden_rude", weight = 5 },\n]\n')


def _save_backtest(tmp_path, target, *extra: str) -> dict:
    labels = _files(tmp_path)
    card = tmp_path / "card.toml"
    card.write_text(CARD, encoding="utf-8")
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """qa"""

    register(app)
    result = CliRunner().invoke(app, ["rules", "backtest", str(labels), "--scorecard", str(card),
                                      "--show", "0", "--save", str(target), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(target.read_text(encoding="utf-8"))


def test_rules_page_shows_the_saved_backtest(make_service, tmp_path):
    service = make_service(backtest_report=tmp_path / "reports" / "bt.json")
    saved = _save_backtest(tmp_path, tmp_path / "reports" / "bt.json", "--split", "all",
                           "--baseline-scorecard", str(tmp_path / "card.toml"))
    new = saved["reports"]["new"]
    assert saved["split"] == "all" and saved["labels"].endswith("labels.jsonl") and saved["saved_at"]
    assert new["calls"] == 2 and new["findings"]["forbidden_rude"]["agreement"] == 1.0
    assert "baseline" in saved["reports"]

    page = sign_in(service, "qa").get("/ui/rules")
    assert page.status_code == 200, page.text
    text = page.text
    assert "backtest-table" in text and "backtest-hint" not in text
    assert saved["saved_at"] in text and "labels.jsonl" in text
    assert f"{new['calls']} 通话数" in text
    title = {it.finding: it.title for s in fake_inspector().scorecard.sections for it in s.items}
    row = text.split('<td class="muted">forbidden_rude</td>', 1)[1].split("</tr>", 1)[0]
    assert title["keywords.forbidden_rude"] in text.split('<td class="muted">forbidden_rude</td>')[0][-200:]
    assert ">100%<" in row and "基线" in text  # agreement as saved, baseline beside
    greeting = new["findings"]["greeting"]
    grow = text.split('<td class="muted">greeting</td>', 1)[1].split("</tr>", 1)[0]
    assert f">{100 * greeting['agreement']:.0f}%<" in grow
    english = sign_in(service, "qa").get("/ui/rules", params={"lang": "en"}).text
    assert "Precision" in english and "Recall" in english


def test_rules_page_says_how_to_produce_a_backtest_when_none_is_saved(service):
    page = sign_in(service, "qa").get("/ui/rules")
    assert page.status_code == 200
    assert "backtest-hint" in page.text and "backtest-table" not in page.text
    assert "qa rules backtest" in page.text and "--save" in page.text
    assert "backtest.json" in page.text  # the default <data_dir>/backtest.json


def test_rules_page_survives_an_unreadable_report(make_service, tmp_path):
    report = tmp_path / "bt.json"
    report.write_text("{not json", encoding="utf-8")
    page = sign_in(make_service(backtest_report=report), "qa").get("/ui/rules")
    assert page.status_code == 200 and "backtest-hint" in page.text
