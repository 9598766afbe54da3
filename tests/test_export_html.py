"""`jixiao export --to html`: one self-contained file, everything from the form escaped, and a
template a region can replace."""

from __future__ import annotations

import re
from pathlib import Path

from models import load_form, save_form, score_form
from models.money import fmt
from tui.cli import main


def export_html(paths: list[Path], out: Path, *extra: str) -> str:
    assert main(["export", *map(str, paths), "--to", "html", "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_self_contained_with_the_models_figures(samples_dir, sample_paths, tmp_path):
    html = export_html([samples_dir], tmp_path / "forms.html")
    assert len(re.findall(r'<section class="form form-\d+">', html)) == 6  # each its own named page
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", html)  # nothing fetched from anywhere
    assert "@page { size: A4 portrait" in html
    assert "SimSun" in html and "Microsoft YaHei" in html and "Noto Serif CJK SC" in html
    for path in sample_paths:
        form = load_form(path)
        figures = score_form(form)
        section = re.split(r'<section class="form form-\d+">', html)[1:][sample_paths.index(path)]
        assert form.project in section
        cells = re.findall(r'<td class="number">([^<]*)</td>', section)
        assert fmt(figures.execution_rate) in cells and fmt(figures.execution_score) in cells
        assert cells[-1] == fmt(figures.total)
        assert f'<td colspan="3" class="grade">{figures.grade}</td>' in section


def test_form_text_is_escaped(tmp_path, clean_form):
    clean_form.project = "<script>alert(1)</script>"
    clean_form.indicators[0].deviation_reason = '"><img src=x onerror=alert(1)>'
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    html = export_html([path], tmp_path / "out.html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_region_supplies_its_own_template(tmp_path, clean_form):
    template = tmp_path / "region.html.j2"
    template.write_text(
        "<style>{% include 'form.css' %}</style>"
        "{% for form in forms %}<h2>本区版式：{{ form.project }} 总分 {{ form.total.text }}</h2>{% endfor %}",
        encoding="utf-8",
    )
    clean_form.project = "<b>项目</b>"
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    html = export_html([path], tmp_path / "out.html", "--template", str(template))
    assert "<h2>本区版式：&lt;b&gt;项目&lt;/b&gt; 总分 100.00</h2>" in html  # autoescaped even in a .j2 file
    assert "@page" in html  # the built-in styles can be included


def test_a_broken_template_is_a_chinese_error(tmp_path, sample_file, capsys, is_chinese):
    template = tmp_path / "bad.html.j2"
    template.write_text("{% for form in forms %}没有结束", encoding="utf-8")
    out = tmp_path / "out.html"
    code = main(["export", str(sample_file("社区建设工作专项经费")), "--to", "html", "-o", str(out),
                 "--template", str(template)])
    err = capsys.readouterr().err
    assert code == 2 and "X306" in err and is_chinese(err) and "Traceback" not in err
    assert not out.exists()


def test_control_characters_are_visible_not_raw(tmp_path, clean_form):
    from models import save_form
    from tui.cli import main

    clean_form.project = "项目\x01名\x7f称"
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert main(["export", str(path), "--to", "html", "-o", str(tmp_path / "out.html")]) == 0
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "\x01" not in html and "\x7f" not in html and "项目␁名␡称" in html


def test_a_template_cannot_run_commands(tmp_path, sample_file, capsys):
    from tui.cli import main

    marker = tmp_path / "ran"
    template = tmp_path / "evil.html.j2"
    template.write_text(f"x\n{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n", encoding="utf-8")
    code = main(["export", str(sample_file("社区建设工作专项经费")), "--to", "html", "-o", str(tmp_path / "o.html"),
                 "--template", str(template)])
    err = capsys.readouterr().err
    assert code == 2 and "X306" in err and "第 2 行" in err
    assert not marker.exists()


def test_template_errors_name_the_line_in_chinese(tmp_path, sample_file, capsys):
    from tui.cli import main

    template = tmp_path / "bad.html.j2"
    template.write_text("a\nb\n{{ forms[0].no_such }}\n", encoding="utf-8")
    main(["export", str(sample_file("社区建设工作专项经费")), "--to", "html", "-o", str(tmp_path / "o.html"),
          "--template", str(template)])
    err = capsys.readouterr().err
    assert "X306 模板" in err and "第 3 行有错误：用到了不存在的变量（原文：" in err


def test_print_template_gives_a_starting_point_that_works(tmp_path, sample_file, capsys):
    from tui.cli import main

    assert main(["export", "--print-template"]) == 0
    template = tmp_path / "本区版式.html.j2"
    template.write_text(capsys.readouterr().out.replace("<h1>", "<h1>本区："), encoding="utf-8")
    out = tmp_path / "o.html"
    assert main(["export", str(sample_file("社区建设工作专项经费")), "--to", "html", "-o", str(out),
                 "--template", str(template)]) == 0
    assert "本区：财政项目支出绩效自评表" in out.read_text(encoding="utf-8")


def test_export_without_paths_or_format_is_a_chinese_usage_error(capsys):
    import pytest

    from tui.cli import main

    for args in (["export", "--to", "html"], ["export", "x.toml"]):
        with pytest.raises(SystemExit) as raised:
            main(args)
        assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "PATH" in err and "--to" in err
