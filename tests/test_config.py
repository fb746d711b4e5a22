"""checker.toml / [tool.checker]: found, validated with one line per mistake, overridden by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seed_runs import (
    KHOMEINI_ARTICLE,
    REPO,
    assert_clean,
    cli,
    copy_seeds,
    edit,
    stderr_lines,
)

from checker.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Config, load_config
from checker.errors import ConfigError
from checker.pipeline import check
from checker.types import Report

NEWSROOM_KB = """\
entities:
  - id: layla-haddad
    type: person
    names:
      en: [Layla Haddad]
      ar: [ليلى حداد]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(start=tmp_path) == Config()
    assert Config().include == DEFAULT_INCLUDE and Config().fail_on == "high"


def test_checker_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "checker.toml", 'fail_on = "medium"\n')
    (tmp_path / "content" / "2024").mkdir(parents=True)
    assert load_config(start=tmp_path / "content" / "2024").fail_on == "medium"


def test_tool_checker_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "desk"\n\n[tool.checker]\nnli = "none"\nfail-on = "low"\n',
    )
    config = load_config(start=tmp_path)
    assert (config.nli, config.fail_on) == ("none", "low")
    assert load_config(tmp_path / "pyproject.toml") == config  # named explicitly


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "checker.toml", 'fail_on = "low"\n')
    write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    assert load_config(start=tmp_path / "site").fail_on == "low"


def test_checker_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.checker]\nfail_on = "low"\n')
    write(tmp_path / "checker.toml", 'fail_on = "medium"\n')
    assert load_config(start=tmp_path).fail_on == "medium"


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "checker.toml", 'fail_on = "low"\nnli = "none"\nkb = ["a.yaml"]\n')
    config = load_config(path, fail_on="high", nli=None, kb=None)
    assert config.fail_on == "high"  # given
    assert config.nli == "none"  # None means "not given on the command line"
    assert config.kb == (str(tmp_path / "a.yaml"),)


def test_every_setting_has_a_place_in_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "checker.toml",
        """\
embedder = "multilingual-e5-small"
nli = "none"
fail-on = "medium"
include = ["**/*.md"]
exclude = ["drafts/**"]
kb = ["kb/newsroom.yaml"]
max-file-mb = 5
batch-size = 8

[thresholds]
pair-similarity = 0.9
nli-contradiction = 0.95
""",
    )
    config = load_config(path)
    assert config.include == ("**/*.md",) and config.exclude == ("drafts/**",)
    assert config.kb == (str(tmp_path / "kb" / "newsroom.yaml"),)  # beside the config file
    assert (config.max_file_mb, config.batch_size, config.fail_on) == (5, 8, "medium")
    assert (config.thresholds.pair_similarity, config.thresholds.nli_contradiction) == (0.9, 0.95)


def test_one_line_per_mistake_naming_file_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path / "checker.toml",
        """\
fail_on = "severe"
embeder = "multilingual-e5-small"
include = "*.txt"
batch_size = 0

[thresholds]
pair_similarity = 2
pair_simlarity = 0.5
""",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 6
    assert all(line.startswith(f"{path}: ") for line in lines)
    text = str(caught.value)
    assert f"{path}: fail_on: Input should be 'high', 'medium', 'low' or 'none'" in lines
    assert f"{path}: embeder: unknown setting (did you mean 'embedder'?)" in lines
    assert f'{path}: include: should be a list of strings, e.g. ["**/*.txt"]' in lines
    assert f"{path}: batch_size: Input should be greater than or equal to 1" in lines
    assert "thresholds.pair_similarity: Input should be less than or equal to 1" in text
    assert "thresholds.pair_simlarity: unknown setting (did you mean 'pair_similarity'?)" in text


def test_a_setting_spelt_both_ways_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "checker.toml", 'fail-on = "low"\nfail_on = "high"\n')
    with pytest.raises(ConfigError, match=r"fail_on: set twice"):
        load_config(path)


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "checker.toml", 'fail_on = "low"\nnli = \n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML") and "line 2" in message
    assert "\n" not in message


def test_cli_reports_each_mistake_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "checker.toml", 'fail_on = "always"\nformat = "sarif"\n')
    monkeypatch.chdir(tmp_path)
    result = cli([copy_seeds(tmp_path / "content")])
    assert_clean(result, 2)
    assert result.stdout == ""
    config = tmp_path / "checker.toml"
    assert sorted(stderr_lines(result)) == [
        f"check: {config}: fail_on: Input should be 'high', 'medium', 'low' or 'none'",
        f"check: {config}: format: unknown setting",
    ]


@pytest.fixture()
def desk(tmp_path: Path, embed_loads: list[str]) -> Path:
    """A newsroom folder: content/ (the seeds, one moved to Saturday evening where another says
    Sunday: a medium date finding) and a checker.toml."""
    corpus = copy_seeds(tmp_path / "content")
    edit(corpus / "002_705fd37aea0d53b1.txt", "مساء أول من أمس", "مساء السبت")
    write(tmp_path / "kb" / "newsroom.yaml", NEWSROOM_KB)
    write(
        tmp_path / "checker.toml",
        f"""\
nli = "none"
fail-on = "medium"
exclude = ["{KHOMEINI_ARTICLE}"]
kb = ["kb/newsroom.yaml"]
""",
    )
    return tmp_path


def test_the_cli_reads_the_config_and_its_options_override_it(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(desk)
    result = cli(["content/", "--format", "json"])
    assert_clean(result, 1)  # fail-on medium, from the file
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 4  # the excluded article is not read
    assert KHOMEINI_ARTICLE not in json.dumps(data["documents"])
    assert [(f["kind"], f["severity"]) for f in data["findings"]] == [("date", "medium")]
    assert_clean(cli(["content/", "--format", "json", "--fail-on", "high"]), 0)  # the option wins


def test_kb_files_are_found_beside_the_config(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from another folder with --config: the KB path in the file still means kb/ beside it."""
    elsewhere = desk / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert_clean(cli([desk / "content", "--config", desk / "checker.toml", "--format", "json"]), 1)
    write(desk / "kb" / "newsroom.yaml", NEWSROOM_KB + "  - id: broken\n")  # no type: a KB error
    result = cli([desk / "content", "--config", desk / "checker.toml", "--format", "json"])
    assert_clean(result, 2)
    assert str(desk / "kb" / "newsroom.yaml") in result.stderr


def test_include_globs_choose_the_articles(desk: Path, embed_loads: list[str]) -> None:
    write(desk / "checker.toml", 'nli = "none"\ninclude = ["**/00[12]_*.txt"]\n')
    report = check([desk / "content"], load_config(desk / "checker.toml"))
    assert sorted(Path(d.path).name[:3] for d in report.documents) == ["001", "002"]


def test_thresholds_reach_the_pipeline(tmp_path: Path, seeds_report: Report, embed_loads: list[str]) -> None:
    path = write(tmp_path / "checker.toml", 'nli = "none"\n[thresholds]\npair-similarity = 0.97\n')
    strict = check([Path(seeds_report.documents[0].path).parent], load_config(path))
    assert 0 <= strict.stats["candidate_pairs"] < seeds_report.stats["candidate_pairs"]


def test_the_example_config_is_valid_and_says_the_defaults() -> None:
    """examples/checker.toml documents every setting; apart from its sample excludes it is the defaults."""
    example = load_config(REPO / "examples" / "checker.toml")
    assert example.model_copy(update={"extend_exclude": ()}) == Config()
    assert example.extend_exclude == ("drafts/**", "**/*.draft.md")
    assert example.excluded == (*DEFAULT_EXCLUDE, "drafts/**", "**/*.draft.md")


def test_the_example_config_lists_every_setting_and_threshold() -> None:
    import tomllib

    from pydantic import BaseModel

    with (REPO / "examples" / "checker.toml").open("rb") as fh:
        written = tomllib.load(fh)

    def keys(table: dict, prefix: str = "") -> set[str]:
        out = set()
        for key, value in table.items():
            name = prefix + key.replace("-", "_")
            out |= keys(value, name + ".") if isinstance(value, dict) else {name}
        return out

    def fields(model: type[BaseModel], prefix: str = "") -> set[str]:
        out = set()
        for name, field in model.model_fields.items():
            inner = field.annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out |= fields(inner, prefix + name + ".")
            else:
                out.add(prefix + name)
        return out

    machine_only = {"device", "batch_size", "cache", "progress"}  # command-line or environment matters
    assert fields(Config) - machine_only == keys(written)


def test_unknown_judges_and_nested_thresholds_are_named(tmp_path: Path) -> None:
    path = write(tmp_path / "checker.toml", 'judges = ["entty"]\n[thresholds.entity]\nanchord = 0.9\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert "judges: unknown judge 'entty' (did you mean 'entity'?)" in text
    assert "thresholds.entity.anchord: unknown setting (did you mean 'anchored'?)" in text


def test_measured_defaults_are_rewritten_in_place(tmp_path: Path) -> None:
    from checker.config import write_default_thresholds
    from checker.home import resource_path

    copy = tmp_path / "thresholds.toml"
    original = resource_path("thresholds.toml").read_text(encoding="utf-8")
    copy.write_text(original, encoding="utf-8")
    write_default_thresholds({"pair_similarity": 0.91}, copy)
    changed = [
        (a, b) for a, b in zip(original.splitlines(), copy.read_text().splitlines(), strict=True) if a != b
    ]
    assert changed == [("pair_similarity = 0.89", "pair_similarity = 0.91")]
    with pytest.raises(KeyError):
        write_default_thresholds({"no_such_key": 1.0}, copy)


def test_finding_kinds_are_one_list_in_config_combine_reports_and_the_cli() -> None:
    """select / ignore name the kinds combine gives and the reports describe: one set everywhere."""
    from checker import cli
    from checker.config import FINDING_KINDS
    from checker.judges.combine import KIND_PRIORITY
    from checker.report.common import KINDS

    assert set(FINDING_KINDS) == set(KIND_PRIORITY) == set(KINDS) == set(cli.KINDS)


def test_the_nli_threshold_is_per_language_unless_a_config_sets_one_for_all(tmp_path: Path) -> None:
    """The shipped head's per-language cuts apply by default; a config that sets nli-contradiction
    alone means that number for every pair (not only for pairs across languages), and one that
    sets a language's own keeps the rest."""
    from checker.config import Thresholds

    default = Thresholds().nli_cut()
    assert set(default.by_language) == {"ar", "fa"}
    assert default.of("ar", "ar") == Thresholds().nli_contradiction_ar
    assert default.of("fa", "fa") == Thresholds().nli_contradiction_fa
    assert default.of("ar", "fa") == default.of("en", "en") == Thresholds().nli_contradiction
    one = load_config(
        write(tmp_path / "one.toml", "[thresholds]\nnli-contradiction = 0.97\n")
    ).thresholds.nli_cut()
    assert one.of("ar", "ar") == one.of("fa", "fa") == one.of("ar", "fa") == 0.97
    both = load_config(
        write(tmp_path / "both.toml", "[thresholds]\nnli-contradiction = 0.97\nnli-contradiction-fa = 0.6\n")
    ).thresholds.nli_cut()
    assert both.of("fa", "fa") == 0.6 and both.of("ar", "ar") == both.of("ar", "fa") == 0.97
    override = Thresholds().model_copy(update={"nli_contradiction": 0.5}).nli_cut()
    assert override.of("ar", "ar") == 0.5
    # command-line overrides of other settings keep the per-language defaults, and a file's choice
    on_cli = load_config(start=tmp_path, device="cpu", nli="checker-nli").thresholds.nli_cut()
    assert on_cli == default
    one_on_cli = load_config(tmp_path / "one.toml", device="cpu").thresholds.nli_cut()
    assert one_on_cli.of("ar", "ar") == 0.97
