"""The KB files: the shipped ones load and say true things; a newsroom's file extends them;
mistakes are errors that name the file and the entry."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.kb import KnowledgeBase, PartialDate, load_kb
from checker.kb.loader import KB_DIR


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_core_kb_covers_the_domain(kb: KnowledgeBase) -> None:
    types = Counter(e.type for e in kb)
    assert types["person"] >= 40
    assert types["organisation"] >= 20
    assert types["place"] >= 20
    assert types["office"] >= 15
    for ident in (
        "khamenei",
        "khomeini",
        "putin",
        "volodin",
        "qalibaf",
        "raisi",
        "lavrov",
        "zarif",
        "jalali",
        "amir-abdollahian",
        "duma",
        "majlis",
        "moscow",
        "tehran",
        "iaea",
        "eaeu",
        "irna",
        "mehr",
    ):
        assert ident in kb, ident


def test_every_entity_is_named_in_english_and_in_arabic_or_persian(kb: KnowledgeBase) -> None:
    for entity in kb:
        assert entity.names.get("en"), entity.id
        assert entity.names.get("ar") or entity.names.get("fa"), entity.id


def test_known_dates(kb: KnowledgeBase) -> None:
    assert kb.entity("khomeini").died == PartialDate.parse("1989-06-03")
    assert kb.entity("raisi").died == PartialDate.parse(dt.date(2024, 5, 19))
    assert kb.entity("putin").died is None
    assert kb.entity("khamenei").born == PartialDate("1939", dt.date(1939, 1, 1), dt.date(1939, 12, 31))


@pytest.mark.parametrize(
    ("office", "day", "holder"),
    [
        ("iran-supreme-leader", dt.date(1985, 3, 1), "khomeini"),
        ("iran-supreme-leader", dt.date(2021, 2, 8), "khamenei"),
        ("iran-president", dt.date(2022, 1, 19), "raisi"),
        ("iran-president", dt.date(2020, 1, 1), "rouhani"),
        ("iran-president", dt.date(2024, 6, 15), None),  # acting president: not in the KB as holder
        ("iran-president", dt.date(1989, 8, 10), None),  # hand-over month written as "1989-08"
        ("russia-president", dt.date(2010, 1, 1), "medvedev"),
        ("russia-president", dt.date(2021, 2, 8), "putin"),
        ("russia-duma-chairman", dt.date(2021, 2, 8), "volodin"),
        ("iran-majlis-speaker", dt.date(2021, 2, 8), "qalibaf"),
        ("iran-majlis-speaker", dt.date(2019, 1, 1), "larijani"),
        ("iran-foreign-minister", dt.date(2021, 2, 8), "zarif"),
        ("iran-foreign-minister", dt.date(2022, 1, 19), "amir-abdollahian"),
        ("iran-ambassador-russia", dt.date(2021, 2, 8), None),  # undated tenure: never resolved
    ],
)
def test_title_holder_at_a_date(kb: KnowledgeBase, office: str, day: dt.date, holder: str | None) -> None:
    assert kb.holder(office, day) == holder


def test_part_of_is_transitive_and_directed(kb: KnowledgeBase) -> None:
    assert kb.within("moscow", "russia")
    assert kb.within("duma", "russia")
    assert not kb.within("russia", "moscow")
    assert not kb.within("tehran", "russia")


def test_partial_dates() -> None:
    month = PartialDate.parse("2012-05")
    assert (month.earliest, month.latest) == (dt.date(2012, 5, 1), dt.date(2012, 5, 31))
    with pytest.raises(ValueError):
        PartialDate.parse("spring 2012")


# --- a newsroom's own file ------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "newsroom.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_file_adds_entities_and_spellings(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        """
entities:
  - id: ahmadian
    type: person
    names:
      en: [Ali Akbar Ahmadian]
      ar: [علي أكبر أحمديان]
      fa: [علی‌اکبر احمدیان]
    offices:
      - {title: iran-snsc-secretary, from: 2023-05-22}
  - id: putin
    names:
      ar: [بوتن]
""",
    )
    kb = load_kb([extra])
    assert kb.entity("ahmadian").files == (str(extra),)
    found = kb.find_mentions("التقى علي أكبر أحمديان مع بوتن في موسكو", "ar")
    assert [m.entity_id for m in found] == ["ahmadian", "putin", "moscow"]
    assert kb.holder("iran-snsc-secretary", dt.date(2024, 1, 1)) == "ahmadian"
    assert "بوتين" in kb.entity("putin").names["ar"]  # the core spellings stay


def test_core_files_are_all_read() -> None:
    assert {p.name for p in KB_DIR.glob("*.yaml")} >= {"people.yaml", "offices.yaml", "places.yaml"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities:\n  - id: x\n    type: person\n    names: {en: [X]}\n    wife: Y\n", "unknown key 'wife'"),
        ("entities:\n  - type: person\n    names: {en: [X]}\n", "entry 1: missing 'id'"),
        ("entities:\n  - id: x\n    names: {en: [X]}\n", "entry 'x': missing 'type'"),
        ("entities:\n  - id: putin\n    type: place\n", "entry 'putin': duplicate id with a different type"),
        ("entities:\n  - id: khomeini\n    died: 1990\n", "'died' is 1990 here but 1989-06-03"),
        ("entities:\n  - id: x\n    type: person\n    names: {en: [X]}\n    born: soon\n", "'born'"),
        ("entities:\n  - id: x\n    type: person\n    names: {xx: [X]}\n", "unknown language 'xx'"),
        (
            "entities:\n  - id: x\n    type: person\n    names: {en: [X]}\n    offices: [{title: king}]\n",
            "office title 'king' is not the id of an entity of type office",
        ),
        (
            "entities:\n  - id: x\n    type: place\n    names: {en: [X]}\n    part_of: [atlantis]\n",
            "part_of 'atlantis'",
        ),
        ("people: []\n", "one top-level key"),
        ("entities: [unclosed\n", "not valid YAML"),
    ],
)
def test_mistakes_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    extra = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_kb([extra])
    assert str(extra) in str(caught.value)
    assert message in str(caught.value)


def test_missing_extra_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_kb([tmp_path / "absent.yaml"])


def test_a_spelling_shared_by_two_entities_links_to_neither(tmp_path: Path) -> None:
    extra = _write(
        tmp_path, "entities:\n  - id: ahmad-khomeini\n    type: person\n    names: {ar: [الخميني]}\n"
    )
    kb = load_kb([extra])
    assert [m.entity_id for m in kb.find_mentions("رسالة من الخميني", "ar")] == []
    assert [m.entity_id for m in kb.find_mentions("رسالة من روح الله الخميني", "ar")] == ["khomeini"]


def test_broken_yaml_is_one_line_with_where(tmp_path: Path) -> None:
    """PyYAML writes its reason over several lines; a person reads one line naming file and place."""
    extra = _write(tmp_path, "entities:\n  - id: x\n    names: {en: [X]\n")
    with pytest.raises(ConfigError) as caught:
        load_kb([extra])
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{extra}: not valid YAML: ")
    assert " at line 4, column 1" in message
