"""Titles a person would write: subject and happening, date words removed, at most MAX_TITLE characters.

Only deletions are applied to the clause (and the first letter is capitalised), so a title never
states anything its clause does not: dates and their prepositions, sentence adverbs, leading
adverbial phrases, comma-enclosed asides, articles; then, if still too long, auxiliaries and the
tail after a phrase boundary. Rules live in ``data/titles.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from timeline.models import MAX_TITLE

from . import lexicon


@cache
def _rules() -> dict:
    data = lexicon.load("titles")

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    data["re_prep"] = re.compile(
        rf"(?:,\s*)?(?:\b(?:well\s+)?(?:{alt(data['date_prepositions'])})\s+)?(?:(?:\b(?:his|her|their|its|the|this|that)|[A-Z][\w.-]*(?:’s|'s))\s+)?$", re.I
    )
    data["re_opener"] = re.compile(rf"^(?:{alt(data['openers'])})\b\s*,?\s*")
    data["re_lead"] = re.compile(rf"^(?:{alt(data['lead_phrases'])})\b(?:[^,]|(?<=\d),(?=\d)){{0,90}},\s*")
    data["re_clause"] = re.compile(rf"^(?:{alt(data['clause_openers'])})\b\s*", re.I)
    data["re_article"] = re.compile(rf"\b(?:{alt(data['articles'])})\s+(?=\S)")
    data["re_lead_article"] = re.compile(r"^(?:The|A|An)\s+(?=\S)")
    data["re_ing"] = re.compile(rf"\b(?:{alt(data['aux_before_ing'])})\s+(?=(?:\w+ly\s+)?\w+ing\b)")
    data["re_part"] = re.compile(
        rf"\b(?:{alt(data['aux_before_participle'])})\s+(\w+ly\s+)?(?:been\s+)?(?=(?!been\b)\w+(?:ed|en|wn|ld|lt|nt|id|ot|ut)\b)"
    )
    data["dangling_set"] = frozenset(data["dangling"])
    data["function_words"] = frozenset(data["function_words"])
    return data


def _cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos:
            s = pos
        if s >= e:
            continue
        out.append(text[pos:s])
        out.append(" ")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _date_cuts(text: str, dates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each date with the preposition before it and, for a comma-enclosed date, its commas."""
    r = _rules()
    cuts = []
    for s, e in dates:
        if not text[:s].strip() and re.match(rf"\s+(?:{'|'.join(_VERBISH)}|\w+ed)\b", text[e:], re.I):
            continue  # "Sunday was chosen as ...": the date is the subject
        nxt = re.match(r"\s+([A-Za-z][\w’'-]*)", text[e:])
        if re.search(r"\b(?:the|a|an|its|his|her|their|our|this)\s+$|['’]s\s+$", text[:s], re.I) \
                and nxt and nxt.group(1).lower() not in r["dangling_set"] | r["function_words"]:
            cuts.append((s, e))  # "the 2008 Beijing Olympic Games", "a June 1 deadline": only the date goes
            continue
        m = r["re_prep"].search(text[:s])
        if m and m.group():
            s = m.start()
        before = text[:s].rstrip()
        after = text[e:].lstrip()
        opened = text[s:].startswith(",") or before.endswith(",")
        if after.startswith(",") and (opened or not before):
            e = len(text) - len(after) + 1  # ", dated June 10," or a leading "On Tuesday,": drop one comma
            if before.endswith(",") and not text[s:].startswith(","):
                s = len(before) - 1
        cuts.append((s, e))
    return cuts


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?’”)])", r"\1", text)
    text = re.sub(r"([(“])\s+", r"\1", text)
    text = re.sub(r",\s*,+", ",", text)
    text = re.sub(r"^[\s,;:.\-—–]+", "", text)
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        text = re.sub(r"[\"“”]", "", text)
    return text.strip()


def _trim_end(text: str) -> str:
    words = _rules()["dangling_set"]
    while True:
        t = text.rstrip(" ,;:—–-\"“(")
        last = re.search(r"[\w’']+$", t)
        if last and last.group().lower() in words and len(t.split()) > 2:
            t = t[: last.start()]
        if t == text:
            return t.rstrip(". ")
        text = t


_COMMA = r"(?<!\d),(?!\d)"  # a comma that is not inside a digit group ("55,000")


def _list_member(text: str, m: re.Match[str]) -> bool:
    """Whether the comma-enclosed stretch ``m`` is an item of a list ("A, B, C and D", "A, B, and C")."""
    inner = m.group(1)
    if re.match(r"[\d$£€#]|(?:US|USD)?\$|including\b|such as\b|like\b", inner):
        return True  # numbers are no appositions; "including ..." opens a list
    after = text[m.end() :]
    if re.match(r"\s*(?:and|or|as well as)\b", after):
        return True
    tail = re.match(rf"[^;:.!?]*?(?={_COMMA}|[;:.!?]|$)", after)
    return bool(tail and re.search(r"\s(?:and|or)\s", f" {tail.group()} ") and len(tail.group().split()) <= 6)


def _asides(text: str, keep: str | None) -> str:
    """Drop ", known for his views," style asides (up to 10 words) that do not hold the trigger.

    List items stay: dropping "3,700 in Germany" from "4,300 in France, 3,700 in Germany, 1,600 in UK and
    400 in Spain" would glue the neighbours into one phrase.
    """
    def drop(m: re.Match[str]) -> str:
        inner = m.group(1)
        if re.search(_COMMA, inner) or _list_member(text, m):
            return m.group()
        if keep and re.search(rf"\b{re.escape(keep)}\b", inner):
            return m.group()
        if len(inner.split()) > 10:
            return m.group()
        return " "

    return re.sub(rf"{_COMMA}\s*([^;:\"“”]+?)\s*{_COMMA}", drop, text)


def _inside_name(text: str, m: re.Match[str]) -> bool:
    """A boundary such as " of " inside "Secretary of State Marco Rubio" is no boundary."""
    before = re.search(r"(\S+)\s*$", text[: m.start()])
    after = re.match(r"\s*(\S+)", text[m.end() :])
    return bool(m.group().strip().islower() and before and after and before.group(1)[:1].isupper() and after.group(1)[:1].isupper())


def _after_pronoun(text: str, m: re.Match[str]) -> bool:
    """An auxiliary after a pronoun stays: "it is considering" does not read as "it considering"."""
    before = re.search(r"([\w’']+)\s*$", text[: m.start()])
    return bool(before and before.group(1).lower() in _rules()["keep_aux_after"])


def _shorten(text: str, limit: int) -> str:
    r = _rules()
    if len(text) > limit:
        text = _tidy(r["re_ing"].sub(lambda m: m.group() if _after_pronoun(text, m) else "", text))
    if len(text) > limit:
        text = _tidy(r["re_part"].sub(lambda m: m.group() if _after_pronoun(text, m) else m.group(1) or "", text))
    if len(text) <= limit:
        return text
    best = None
    for tier in r["cut_before"]:  # strongest boundaries first; the latest one that fits wins
        for mark in tier:
            for m in re.finditer(re.escape(mark), text):
                if mark == "," and re.match(r"\d,\d", text[m.start() - 1 : m.start() + 2]):
                    continue  # "32,000": a digit group, not a boundary
                if 30 <= m.start() <= limit and (best is None or m.start() > best) and not _inside_name(text, m):
                    best = m.start()
        if best is not None:
            break
    if best is not None:
        text = text[:best]
    else:
        text = text[:limit].rsplit(" ", 1)[0]
    # "Huckabee stated that the idea": a cut that leaves a reported clause without its verb ends the
    # title before "that" instead
    stub = re.search(r"\s+that\s+(?:\S+\s+){0,3}\S+$", text)
    if stub and not re.search(rf"\b(?:{'|'.join(_VERBISH)})\b", stub.group()) and len(text[: stub.start()].split()) >= 3:
        text = text[: stub.start()]
    return _trim_end(text)


# Finite forms that make a reported clause complete enough to keep ("that it will close").
_VERBISH = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
            "should", "must", "did", "does")


def title(clause: str, dates: list[tuple[int, int]] = (), trigger: str | None = None, limit: int = MAX_TITLE) -> str:
    """A title for an event reported in ``clause``; ``dates`` are the date spans (relative offsets) to remove."""
    r = _rules()
    text = _cut_spans(clause, _date_cuts(clause, list(dates)))
    text = _tidy(text)
    for _ in range(3):  # openers can be stacked: "Still, in 2020, ..."
        before = text
        text = r["re_opener"].sub("", text)
        lead = r["re_lead"].match(text)
        if lead and len(text[lead.end() :].split()) >= 3 and not (trigger and re.search(rf"\b{re.escape(trigger)}\b", lead.group())):
            text = text[lead.end() :]
        text = r["re_clause"].sub("", text)
        if text == before:
            break
    text = _tidy(_asides(text, trigger))
    text = _tidy(r["re_article"].sub("", r["re_lead_article"].sub("", text)))
    text = _trim_end(text)
    if len(text) > limit:
        text = _shorten(text, limit)
    if len(text) > limit:  # no boundary found: hard cut at a word
        text = _trim_end(text[:limit].rsplit(" ", 1)[0])
    text = _trim_end(_tidy(text))
    if not text:
        text = _tidy(clause)[:limit].strip() or "Event"
    if text[1:2].isupper():
        return text  # "iPod", "eBay": a name keeps its spelling
    return text[:1].upper() + text[1:]
