"""File names made from 年度-项目名称 or typed by the user: legal on Windows and POSIX, inside the folder."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.filenames import MAX_STEM, file_name_from_input, form_file_name, safe_stem

ILLEGAL = '/\\:*?"<>|'
CONTROL = "".join(map(chr, range(32))) + "\x7f"
WINDOWS_RESERVED = [
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
]


def assert_portable(name: str) -> None:
    """Legal on Windows and POSIX, not hidden, not reserved, within every file system's 255 bytes."""
    assert name.endswith(".toml")
    stem = name[: -len(".toml")]
    assert stem and name not in {".", ".."}
    assert not set(name) & set(ILLEGAL + CONTROL), name
    assert not name.startswith((".", " ")), name
    assert not stem.endswith((".", " ")), name  # Windows drops them, so two names would meet
    assert len(stem) <= MAX_STEM
    assert len(name.encode("utf-8")) <= 255, name
    assert len(name.encode("utf-16-le")) // 2 <= 255, name  # NTFS counts UTF-16 units
    assert stem.split(".")[0].rstrip(" ").upper() not in WINDOWS_RESERVED, name


def assert_inside(folder: Path, name: str) -> None:
    assert name not in {".", ".."}
    assert (folder / name).resolve().parent == folder.resolve()
    assert Path(name).name == name and len(Path(name).parts) == 1


# ---------------------------------------------------------------------------------------------
# Examples


def test_chinese_name_kept_intact():
    assert form_file_name(2024, "社区建设工作专项经费") == "2024-社区建设工作专项经费.toml"
    assert form_file_name(2024, "  社区建设工作专项经费 \n") == "2024-社区建设工作专项经费.toml"
    assert form_file_name(2024, "“两新”组织党建工作经费") == "2024-“两新”组织党建工作经费.toml"
    assert form_file_name(2024, "新业态、新就业群体党建工作经费") == "2024-新业态、新就业群体党建工作经费.toml"
    assert file_name_from_input("2024-社区建设工作专项经费.toml") == "2024-社区建设工作专项经费.toml"
    assert file_name_from_input("2024-社区建设工作专项经费") == "2024-社区建设工作专项经费.toml"


@pytest.mark.parametrize("char", list(ILLEGAL))
def test_characters_illegal_on_windows_or_posix_are_replaced(char):
    name = form_file_name(2024, f"项目{char}经费")
    assert name == "2024-项目_经费.toml"
    assert file_name_from_input(f"项目{char}经费") == "项目_经费.toml"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\t", "\n", "\r", "\x1b", "\x1f", "\x7f"])
def test_control_characters_and_nul_are_replaced(char):
    name = form_file_name(2024, f"项目{char}经费")
    assert name == "2024-项目_经费.toml"
    assert_portable(name)


def test_path_separators_cannot_make_a_path():
    assert form_file_name(2024, "../../etc/passwd") == "2024-.._.._etc_passwd.toml"
    assert file_name_from_input("../../etc/passwd") == "_.._etc_passwd.toml"
    assert file_name_from_input("..\\..\\Windows\\win.ini") == "_.._Windows_win.ini.toml"
    assert file_name_from_input("C:\\表单.toml") == "C__表单.toml"
    assert file_name_from_input("/tmp/表单") == "_tmp_表单.toml"


@pytest.mark.parametrize(
    "name",
    ["CON", "con", "prn", "AUX", "NUL", "COM1", "com9", "LPT1", "LPT9", "Lpt5", "AUX.txt", "nul.tar.gz",
     "CON .txt", "COM0", "LPT0", "COM¹", "LPT³"],
)
def test_reserved_windows_names_are_avoided(name):
    for made in (file_name_from_input(name), file_name_from_input(name + ".toml"), form_file_name(None, name)):
        assert_portable(made)
        assert made.startswith("_")


def test_names_merely_starting_like_reserved_ones_are_kept():
    assert file_name_from_input("CONTRACT") == "CONTRACT.toml"
    assert file_name_from_input("COM10") == "COM10.toml"
    assert file_name_from_input("AUXILIARY.plan") == "AUXILIARY.plan.toml"
    assert form_file_name(2024, "CON") == "2024-CON.toml"  # the year prefix already makes it safe


@pytest.mark.parametrize(
    ("typed", "made"),
    [
        (".hidden", "hidden.toml"),
        ("...表单", "表单.toml"),
        (". . .表单", "表单.toml"),
        ("表单...", "表单.toml"),
        ("表单 . .", "表单.toml"),
        ("  表单  ", "表单.toml"),
        ("\u3000表单\u3000", "表单.toml"),
        ("表单. .toml", "表单.toml"),
    ],
)
def test_leading_dots_and_trailing_dots_and_spaces_removed(typed, made):
    assert file_name_from_input(typed) == made


@pytest.mark.parametrize("empty", ["", "   ", ".", "..", "...", ". .", "\u3000", "\t\n"])
def test_empty_becomes_untitled(empty):
    assert file_name_from_input(empty) == "未命名.toml"
    assert file_name_from_input(empty + ".toml") == "未命名.toml"
    assert form_file_name(None, empty) == "未命名.toml"
    assert form_file_name(0, empty) == "未命名.toml"


def test_year_without_project():
    for blank in ("", "  ", "..."):
        assert_portable(form_file_name(2024, blank))
        assert form_file_name(2024, blank).startswith("2024")


def test_toml_suffix_not_doubled():
    assert file_name_from_input("表单.toml") == "表单.toml"
    assert file_name_from_input("表单.TOML") == "表单.toml"
    assert file_name_from_input("表单.txt") == "表单.txt.toml"


@pytest.mark.parametrize("char", ["a", "经", "𠀀", "😀"])  # 1, 3, 4 and 4 bytes of UTF-8
def test_length_capped_in_characters_and_bytes(char):
    for name in (form_file_name(2024, char * 500), file_name_from_input(char * 500)):
        assert_portable(name)
        assert len(name) > 40  # capped, not emptied


def test_long_chinese_name_keeps_its_start():
    project = "宝山区" * 50
    name = form_file_name(2024, project)
    assert name.startswith("2024-宝山区宝山区") and name.endswith(".toml")
    assert len(name) == MAX_STEM + len(".toml")


# ---------------------------------------------------------------------------------------------
# Properties

names = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(ILLEGAL + CONTROL + ". \u3000a经😀"), max_size=40),
    st.sampled_from(WINDOWS_RESERVED).flatmap(
        lambda reserved: st.tuples(st.text(alphabet=" .", max_size=3), st.text(max_size=6)).map(
            lambda t: t[0] + reserved + t[1]
        )
    ),
    st.sampled_from([".", "..", "../..", "..\\..", "/", "~", "~/x", ".toml", "..toml", "/etc/passwd"]),
)
years = st.one_of(st.none(), st.integers(min_value=-3000, max_value=3000), st.integers())
FOLDER = Path(tempfile.gettempdir()) / "jixiao-filenames"  # never created: resolve() only


@settings(max_examples=500, deadline=None)
@given(year=years, project=names)
def test_form_file_name_is_portable_and_stays_in_the_folder(year, project):
    name = form_file_name(year, project)
    assert_portable(name)
    assert_inside(FOLDER, name)


@settings(max_examples=500, deadline=None)
@given(typed=names)
def test_file_name_from_input_is_portable_and_stays_in_the_folder(typed):
    name = file_name_from_input(typed)
    assert_portable(name)
    assert_inside(FOLDER, name)
    assert file_name_from_input(name) == name  # a made name is taken as typed


@settings(max_examples=300, deadline=None)
@given(text=names)
def test_safe_stem_is_idempotent(text):
    stem = safe_stem(text)
    assert safe_stem(stem) == stem


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=years, project=names, typed=names)
def test_made_names_can_be_created_on_this_os(tmp_path, year, project, typed):
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        for name in (form_file_name(year, project), file_name_from_input(typed)):
            path = Path(folder) / name
            path.write_text("format_version = 1\n", encoding="utf-8")
            listed = [unicodedata.normalize("NFC", p.name) for p in Path(folder).iterdir()]
            assert listed == [unicodedata.normalize("NFC", name)]  # (macOS may store NFD)
            assert path.read_text(encoding="utf-8") == "format_version = 1\n"
            path.unlink()


def test_every_illegal_character_at_once():
    made = file_name_from_input("a" + ILLEGAL + CONTROL + "b")
    assert re.fullmatch(r"a_+b\.toml", made)
