"""An unknown key: "是否应为 …" only for a near spelling of a key of the same table. A hint that
names an unrelated key (`rounded` → funds) sends a clerk to the wrong place."""

from __future__ import annotations

import pytest

from models import parse_form

BASIC = "社区干部实训基地工作经费"


def _unknown_key_message(text: str, key: str) -> str:
    [problem] = [p for p in parse_form(text).problems if f"未知的键“{key}”" in p.message]
    assert problem.code == "E004" and problem.line == text.split("\n").index(
        next(line for line in text.split("\n") if line.startswith(f"{key} ="))
    ) + 1
    return problem.message


@pytest.mark.parametrize(
    ("old", "typo", "meant"),
    [
        ("executed = 17.50", "excuted", "executed"),
        ("budget = 17.50", "budgte", "budget"),
        ("initial_budget = 0.00", "intial_budget", "initial_budget"),
        ("deviation_reason = ", "deviaton_reason", "deviation_reason"),
        ("department = ", "departmant", "department"),
        ("score_source = ", "scoresource", "score_source"),
        ("weight = ", "wieght", "weight"),
        ("total = 100.00", "totl", "total"),
    ],
)
def test_a_typo_of_a_key_gets_the_key(sample_text, old, typo, meant):
    basic = sample_text(BASIC)
    text = basic.replace(old, f"{typo} = {old.split(' = ')[1]}", 1)
    assert text != basic
    assert f"，是否应为“{meant}”？" in _unknown_key_message(text, typo)


@pytest.mark.parametrize(
    ("after", "word", "table"),
    [
        ('rule_set = "baoshan-2024"', "rounded", "the top"),  # a rule set's name, not a misspelt key
        ('rule_set = "baoshan-2024"', "reverse-linear", "the top"),
        ('rule_set = "baoshan-2024"', "version", "the top"),  # 0.67 against format_version: not close
        ('rule_set = "baoshan-2024"', "money", "the top"),
        ("executed = 17.50", "remark", "a fund row"),
        ("executed = 17.50", "total", "a fund row"),  # a key of [figures], not of this table
        ("weight = 30.00", "note", "an indicator"),
        ("weight = 30.00", "reason", "an indicator"),
        ("weight = 30.00", "comment", "an indicator"),
    ],
)
def test_an_unrelated_word_gets_no_hint(sample_text, after, word, table):
    basic = sample_text(BASIC)
    text = basic.replace(after, f"{after}\n{word} = 1", 1)
    assert text != basic
    message = _unknown_key_message(text, word)
    assert "是否应为" not in message, (table, message)
