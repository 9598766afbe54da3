"""Ctrl+C during export, summary or show: exit 130 with one Chinese line, no traceback, no
temporary file or folder left behind, an existing output untouched."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.cli import main


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def test_ctrl_c_while_the_browser_prints(sample_file, tmp_path, monkeypatch, capsys, is_chinese):
    fake = tmp_path / "browser"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JIXIAO_BROWSER", str(fake))
    monkeypatch.setattr(subprocess, "run", _interrupt)
    out = tmp_path / "out" / "f.pdf"
    out.parent.mkdir()
    out.write_bytes(b"previous")
    assert main(["export", str(sample_file("社区建设工作专项经费")), "--to", "pdf", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "中断" in err and is_chinese(err) and "Traceback" not in err
    assert [p.name for p in out.parent.iterdir()] == ["f.pdf"] and out.read_bytes() == b"previous"


@pytest.mark.parametrize("command", [["summary"], ["show"]])
def test_ctrl_c_in_summary_and_show(command, sample_file, monkeypatch, capsys):
    import exchange.show
    import exchange.sources

    # Patched where the commands look them up (patching models.validation would leak into any
    # module first imported during this test, which keeps the patched function after it)
    monkeypatch.setattr(exchange.sources, "validate_file", _interrupt)
    monkeypatch.setattr(exchange.show, "validate_file", _interrupt)
    assert main([*command, str(sample_file("社区建设工作专项经费"))]) == 130
    assert "中断" in capsys.readouterr().err


def test_ctrl_c_in_a_real_process_has_no_traceback(sample_file, tmp_path):
    """The real signal, in a child process: SIGINT while the export is loading its forms."""
    script = (
        "import signal, os, sys, exchange.sources as s\n"
        "real = s.validate_file\n"
        "def slow(p):\n    os.kill(os.getpid(), signal.SIGINT)\n    return real(p)\n"
        "s.validate_file = slow\n"
        "from tui.cli import main\n"
        f"sys.exit(main(['export', {str(sample_file('社区建设工作专项经费'))!r}, '--to', 'html', '-o', {str(tmp_path / 'o.html')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 130 and "Traceback" not in done.stderr and "中断" in done.stderr
    assert list(tmp_path.iterdir()) == []
