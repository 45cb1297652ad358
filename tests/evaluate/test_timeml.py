"""TimeML reader: the text an XML parser gives, the DCT, gold spans; and agreement with timexeval.py prepare."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.errors import InputError
from timeline.evaluate.timeml import dct_date, read_corpus, read_timeml

TOOL = SHARED / "tools" / "timexeval.py"
CORPORA = SHARED / "corpora"

SAMPLE = (
    '<?xml version="1.0" ?>\r\n<TimeML>\r\n<DOCID>x</DOCID>\r\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-11" functionInDocument="CREATION_TIME">2025-06-11</TIMEX3></DCT>\r\n'
    "<TEXT>\r\nAT&amp;T said <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-06-10\">yesterday</TIMEX3> "
    "it would &#8220;wait&#8221; <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3Y\">three years</TIMEX3>.\r\n"
    '<TIMEX3 tid="t0" type="DATE" value="2025-06-11">June 11</TIMEX3>\r\n</TEXT>\r\n</TimeML>\r\n'
)


def test_reader_gives_parser_text_with_lf_decoded_entities_and_offsets(tmp_path: Path) -> None:
    p = tmp_path / "doc.tml"
    p.write_bytes(SAMPLE.encode())
    doc = read_timeml(p)
    assert doc.name == "doc" and doc.file == "doc.txt"
    assert "\r" not in doc.text and doc.text.startswith("\nAT&T said yesterday it would \u201cwait\u201d")
    assert doc.dct == "2025-06-11" and doc.published is not None and doc.published.isoformat() == "2025-06-11"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [("yesterday", "DATE", "2025-06-10"),
                                                               ("three years", "DURATION", "P3Y")]  # t0 excluded
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_dct_from_dct_element_text_and_date_parsing(tmp_path: Path) -> None:
    p = tmp_path / "a.TE3input"
    p.write_text("<TimeML><DCT>2013-03-01</DCT><TEXT>no times</TEXT></TimeML>")
    assert read_timeml(p).dct == "2013-03-01"
    assert dct_date("2005-06-13T10:00:00") is not None and dct_date("XXXX") is None and dct_date(None) is None


def test_broken_files_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed</TimeML>")
    with pytest.raises(InputError, match="bad.tml"):
        read_timeml(bad)
    none = tmp_path / "none.tml"
    none.write_text("<TimeML><DCT>2013</DCT></TimeML>")
    with pytest.raises(InputError, match="TEXT"):
        read_timeml(none)


def test_include_globs_select_documents() -> None:
    need((CORPORA / "wikiwars" / "tml").is_dir(), "../shared/corpora/wikiwars absent")
    docs = read_corpus([CORPORA / "wikiwars" / "tml"], docs_glob=["1[7-9]_*", "2[0-2]_*"])
    assert [d.name[:2] for d in docs] == ["17", "18", "19", "20", "21", "22"]


@pytest.mark.parametrize("corpus,n_docs,n_timex", [("meantime-dev", 60, 222), ("wikiwars", 22, 2636)])
def test_reader_agrees_exactly_with_timexeval_prepare(tmp_path: Path, corpus: str, n_docs: int, n_timex: int) -> None:
    gold_dir = CORPORA / corpus / "tml"
    need(gold_dir.is_dir() and TOOL.is_file(), f"../shared/corpora/{corpus} or timexeval.py absent")
    subprocess.run([sys.executable, str(TOOL), "prepare", str(gold_dir), str(tmp_path)], check=True,
                   capture_output=True)
    docs = read_corpus([gold_dir])
    assert len(docs) == n_docs
    assert {d.file: d.dct for d in docs} == json.loads((tmp_path / "dct.json").read_text())
    for d in docs:
        with open(tmp_path / d.file, encoding="utf-8", newline="") as fh:
            assert fh.read() == d.text, d.file
    ref = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines() if line.strip()]
    mine = [{"file": d.file, "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "tid": t.tid} for d in docs for t in d.timexes]
    assert len(mine) == n_timex
    assert mine == ref
