"""The recovery question lists what the autosaved copy changes, field by field, in the form's words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from models import Form, save_form
from models.form_changes import form_changes
from models.locking import lock_path
from models.session import EditSession


def test_changed_fields_are_named_with_before_and_after(clean_form: Form) -> None:
    after = clean_form.model_copy(deep=True)
    after.project = "新的项目名称"
    after.funds.current_year.executed = Decimal("35.00")  # type: ignore[attr-defined]
    after.indicators[1].actual = "90(人)"
    shown = [str(change) for change in form_changes(clean_form, after)]
    assert shown == [
        f"项目名称：{clean_form.project} → 新的项目名称",
        f"项目资金·当年财政拨款·全年执行数：{clean_form.funds.current_year.executed} → 35.00",  # type: ignore[attr-defined]
        f"绩效指标·第 2 条·实际完成值：{clean_form.indicators[1].actual or '（空）'} → 90(人)",
    ]


def test_added_and_removed_indicators_are_listed(clean_form: Form) -> None:
    fewer = clean_form.model_copy(deep=True)
    removed = fewer.indicators.pop()
    assert [str(c) for c in form_changes(clean_form, fewer)] == [
        f"绩效指标·第 {len(clean_form.indicators)} 条：{removed.name} → （删除）"]
    assert [str(c) for c in form_changes(fewer, clean_form)] == [
        f"绩效指标·第 {len(clean_form.indicators)} 条：（新增） → {removed.name}"]
    assert form_changes(clean_form, clean_form.model_copy(deep=True)) == []


def test_the_session_compares_the_waiting_copy_with_the_file(tmp_path: Path, clean_form: Form) -> None:
    path = tmp_path / "2024-测试.toml"
    save_form(clean_form, path)
    crashed = EditSession.open(path)
    crashed.type("department", "区财政局")
    crashed.keep_recovery()
    crashed.document.lock = None  # the process dies: its lock is left behind
    lock_path(path).unlink()
    reopened = EditSession.open(path)
    assert [str(c) for c in reopened.recovery_changes()] == [f"主管部门：{clean_form.department or '（空）'} → 区财政局"]
    reopened.close()
