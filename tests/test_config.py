"""Project configuration: [tool.cleantext] / cleantext.toml, validation, and command-line overrides."""

from __future__ import annotations

import textwrap

import pytest

from cleantext.cli import main
from cleantext.config import Config, ConfigError, build_pipeline, find_config, from_dict, load_config

SPAMMY_LINES = "第一行正文。\nNOISE 广告甲\n第三行正文。\nNOISE 保留我\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # the search for a configuration stops at a repository's root
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def marker(tmp_path, monkeypatch):
    d = tmp_path / "_mod"
    d.mkdir()
    (d / "ctmarker2.py").write_text(textwrap.dedent('''
        from cleantext.filters import Filter

        class Marker(Filter):
            name = "marker"
            kind = "brand_spam"

            def __init__(self, word="NOISE"):
                self.word = word

            def find(self, doc):
                return [self.span(doc, ln.start, ln.end, "marker")
                        for ln in doc.lines if self.word in ln.text]
    '''))
    monkeypatch.syspath_prepend(str(d))
    return "ctmarker2:Marker"


def test_pyproject_table_is_found_from_a_subdirectory(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleantext]\nallow = ["甲"]\n')
    (repo / "sub" / "deeper").mkdir(parents=True)
    assert find_config(repo / "sub" / "deeper") == repo / "pyproject.toml"
    cfg = load_config(start=repo / "sub" / "deeper")
    assert cfg.allow == ["甲"] and cfg.root == str(repo)


def test_pyproject_without_table_is_skipped_and_cleantext_toml_wins(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(repo) is None
    (repo / "cleantext.toml").write_text('allow = ["乙"]\n')
    assert find_config(repo) == repo / "cleantext.toml"
    assert load_config(start=repo).allow == ["乙"]


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "cleantext.toml").write_text('allow = ["outside"]\n')
    (tmp_path / "r" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "r") is None


def test_unknown_key_is_an_error_naming_it(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.cleantext]\nallow = []\nexlcude = ["x"]\n')
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.cleantext\.exlcude'"):
        load_config(start=repo)
    (repo / "a.txt").write_text("正文。\n")
    assert main(["a.txt"]) == 2
    assert "tool.cleantext.exlcude" in capsys.readouterr().err


@pytest.mark.parametrize("table, message", [
    ({"allow": "甲"}, "allow: expected a list of strings"),
    ({"max-chars": -3}, "max-chars: expected a positive integer"),
    ({"format": "pdf"}, "format: expected one of"),
    ({"select": ["chrome", "nope"]}, "unknown filter 'nope'"),
    ({"filters": {"nope": {}}}, "unknown filter filters.nope"),
    ({"filters": {"duplicates": 3}}, "expected tables"),
])
def test_bad_values_name_the_key(table, message):
    with pytest.raises(ConfigError, match=message):
        from_dict(table)


def test_unknown_filter_option_names_the_key(repo, capsys):
    (repo / "cleantext.toml").write_text("[filters.duplicates]\nnear = 90\nnaer = 80\n")
    with pytest.raises(ConfigError, match=r"filters\.duplicates\.naer: unknown option of Duplicates"):
        build_pipeline(load_config(start=repo))
    (repo / "a.txt").write_text("正文。\n")
    assert main(["a.txt"]) == 2
    assert "filters.duplicates.naer" in capsys.readouterr().err


def test_filter_tables_become_constructor_arguments(repo, marker):
    (repo / "pyproject.toml").write_text(textwrap.dedent(f'''
        [tool.cleantext]
        select = ["duplicates", "{marker}"]
        [tool.cleantext.filters.duplicates]
        near = 90
        min-chars = 6
        [tool.cleantext.filters."{marker}"]
        word = "广告"
    '''))
    pipe = build_pipeline(load_config(start=repo))
    assert [f.name for f in pipe.filters] == ["duplicates", "marker"]
    assert pipe.filters[0].near == 90 and pipe.filters[0].min_chars == 6
    assert pipe.filters[1].word == "广告"


def test_config_drives_the_command_and_options_override(repo, marker):
    (repo / "cleantext.toml").write_text(f'select = ["{marker}"]\nallow = ["保留我"]\nexclude = ["skip"]\n')
    (repo / "a.txt").write_text(SPAMMY_LINES)
    (repo / "skip").mkdir()
    (repo / "skip" / "b.txt").write_text(SPAMMY_LINES)
    assert main(["-q", "."]) == 1
    assert (repo / "a.txt").read_text() == "第一行正文。\n第三行正文。\nNOISE 保留我\n"
    assert (repo / "skip" / "b.txt").read_text() == SPAMMY_LINES
    # --allow adds to the list; --select replaces it (here with a filter that finds nothing)
    (repo / "a.txt").write_text(SPAMMY_LINES)
    assert main(["-q", "--allow", "广告甲", "."]) == 0
    assert main(["-q", "--select", "chrome", "."]) == 0
    assert (repo / "a.txt").read_text() == SPAMMY_LINES
    # --isolated ignores the file: the default filters do not know NOISE lines either
    assert main(["-q", "--isolated", "--select", marker, "skip/b.txt"]) == 1


def test_explicit_config_file(repo, marker, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text(f'select = ["{marker}"]\n')
    (repo / "a.txt").write_text(SPAMMY_LINES)
    assert main(["-q", "--config", str(other), "a.txt"]) == 1
    assert main(["-q", "--config", str(tmp_path / "missing.toml"), "a.txt"]) == 2


def test_lexicons_go_to_the_brand_filter_when_it_takes_them(repo, capsys):
    (repo / "lex").mkdir()
    (repo / "lex" / "brands.txt").write_text("某某优选\n")
    (repo / "cleantext.toml").write_text('lexicons = ["lex/brands.txt"]\nselect = ["brand"]\n')
    cfg = load_config(start=repo)
    assert cfg.lexicons == [str(repo / "lex" / "brands.txt")]  # relative to the file
    pipe = build_pipeline(cfg)
    import inspect

    from cleantext.filters import BrandSpam

    if "extra_lexicons" in inspect.signature(BrandSpam).parameters:
        assert capsys.readouterr().err == ""
    else:
        assert "lexicons ignored" in capsys.readouterr().err
    assert pipe.filters[0].name == "brand"


def test_text_field_and_format_from_config(repo):
    (repo / "cleantext.toml").write_text('text-field = "body"\nreport_field = ""\n')
    cfg = load_config(start=repo)
    assert (cfg.text_field, cfg.report_field) == ("body", "")
    assert Config().text_field == "text"


def test_broken_toml_is_a_usage_error(repo, capsys):
    (repo / "cleantext.toml").write_text("allow = [\n")
    (repo / "a.txt").write_text("正文。\n")
    assert main(["a.txt"]) == 2
    assert "cleantext.toml" in capsys.readouterr().err
