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

from timeline.nlp import verb_forms

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
    data["re_lead"] = re.compile(rf"^(?:{alt(data['lead_phrases'])})\b(?:[^,]|(?<=\d),(?=\d)){{0,90}},(?!\d)\s*")
    data["re_subordinate"] = re.compile(rf"^(?:{alt(data['subordinators'])})\b(?:[^,]|(?<=\d),(?=\d)){{0,150}},(?!\d)\s*")
    data["re_relative"] = re.compile(r"^((?:[^\s,;:—–]+\s+){0,7}[^\s,;:—–]+)(\s*,\s*|\s*[—–]\s*)(?:which|who)\s+(?=\w)")
    data["re_time_word"] = re.compile(rf"\b(?:{alt(data['time_words'])})\s+(?=\S)")
    # "a statement that is expected to be made": a relative pronoun and "be" before a participle go
    data["re_reduced"] = re.compile(r"(?<=[a-z])\s+(?:that|which|who)\s+(?:is|are|was|were)\s+(?=(?:\w+ly\s+)?\w+(?:ed|en|wn)\b)")
    data["re_clause"] = re.compile(rf"^(?:{alt(data['clause_openers'])})\b\s*", re.I)
    data["re_article"] = re.compile(rf"\b(?:{alt(data['articles'])})\s+(?=\S)")
    data["re_lead_article"] = re.compile(r"^(?:The|A|An)\s+(?=\S)")
    data["re_ing"] = re.compile(rf"\b(?:{alt(data['aux_before_ing'])})\s+(?=(?:\w+ly\s+)?\w+ing\b)")
    data["re_part"] = re.compile(
        rf"\b(?:{alt(data['aux_before_participle'])})\s+(\w+ly\s+)?(?:been\s+)?(?=(?!been\b)\w+(?:ed|en|wn|ld|lt|nt|id|ot|ut)\b)"
    )
    data["dangling_set"] = frozenset(data["dangling"])
    data["function_words"] = frozenset(data["function_words"])
    for key in ("not_adverbs", "determiners", "antecedent_stops", "not_participles", "abbreviations"):
        data[key] = frozenset(data[key])
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
    for s, e in _ranges(text, dates):
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
        if not text[e:].strip(" .,;:!?\"”’'") and (p := _dangling_participle(text[:s])) is not None:
            s = p  # "plans announced in January": without its date the participle describes nothing
        cuts.append((s, e))
    return cuts


def _ranges(text: str, dates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Date spans with the rest of their ranges: "1995-96", "September-October 1950", "26-28 November",
    and two dates joined by a dash, "to" or "and" ("1965 and 1968", "(1775–1776)") as one span."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(dates):
        if (m := re.match(r"\s?[-–—]\s?\d+\b", text[e:])) is not None:
            e += m.end()
        if (m := re.search(r"(?<![\w-])(?:\d+|[A-Z][a-z]+)\s?[-–]\s?$", text[:s])) is not None:
            s = m.start()
        if out and re.fullmatch(r"\s*(?:[-–—]|to|and|through|until|or)?\s*", text[out[-1][1] : s]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _dangling_participle(text: str) -> int | None:
    """Start of a reduced relative's participle ending ``text`` ("... on top of plans announced"),
    when the clause already has its finite verb earlier."""
    m = re.search(r"(\S+)\s+(\w+(?:ed|en|wn))\s*$", text)
    if m is None or m.group(1).lower() in _AUX_LIKE or m.group(1).lower().endswith("ly"):
        return None
    words = text[: m.start(2)].split()
    verbs = [i for i in range(1, len(words)) if _is_verb(words, i, loose=False)]
    if not verbs:
        return None
    between = words[verbs[-1] + 1 :]
    if any(w.endswith((",", ";", ":")) or w.lower() in _rules()["function_words"] or w.lower() in _CLAUSE_OPENING for w in between):
        return None  # "... as car sales rebounded": a clause of its own, whose verb it is
    return m.start(2)


_CLAUSE_OPENING = frozenset({"as", "after", "before", "because", "since", "until", "unless", "although", "though",
                             "once", "whereas"})


_AUX_LIKE = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "to",
                       "not", "it", "he", "she", "they", "we", "i", "you", "who", "which", "that", "get", "got"})


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?’”)])", r"\1", text)
    text = re.sub(r"([(“])\s+", r"\1", text)
    text = re.sub(r",\s*,+", ",", text)
    text = re.sub(r"^[\s,;:.\-—–]+", "", text)
    text = re.sub(r"(?:``\s*''|“\s*”|\"\s*\"|‘\s*’)", " ", text)  # a quotation whose words were all dates
    text = re.sub(r"\s*\(\s*[-–—,;]?\s*\)", "", text)  # "(1775–1776)" without its dates
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        text = re.sub(r"[\"“”]", "", text)
    if text.count("``") != text.count("''"):
        text = re.sub(r"\s*(?:``|'')\s*", " ", text).strip()
        text = re.sub(r"\s+([,.;:!?’”)])", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def _trim_end(text: str) -> str:
    words = _rules()["dangling_set"]
    while text.count("(") > text.count(")"):  # "posters (designed": an unclosed bracket goes with its words
        text = text[: text.rfind("(")].rstrip()
    while True:
        t = text.rstrip(" ,;:—–-\"“(")
        last = re.search(r"[\w’']+$", t)
        if last and (last.group().lower() in words or re.search(r"[a-z]['’]s$", last.group())) and len(t.split()) > 2:
            t = t[: last.start()]  # a dangling word, or a possessive whose noun was cut ("within Netanyahu’s")
        if t == text:
            return t.rstrip(". ")
        text = t


_COMMA = r"(?<!\d),(?!\d)"  # a comma that is not inside a digit group ("55,000")


def _list_member(text: str, m: re.Match[str]) -> bool:
    """Whether the comma-enclosed stretch ``m`` is an item of a list ("A, B, C and D", "A, B, and C")."""
    inner = m.group(1)
    if re.match(r"[\d$£€#]|(?:US|USD)?\$|including\b|such as\b|like\b|and\b|or\b", inner):
        return True  # numbers are no appositions; "including ..." opens a list
    after = text[m.end() :]
    if re.match(r"\s*(?:and|or|as well as)\b", after):
        return True
    for seg in re.split(_COMMA, after)[1:4]:  # "A, B, C, and D": a later item opens with "and"
        if re.match(r"\s*(?:and|or)\b", seg):
            return len(re.split(_COMMA, after)[0].split()) <= 6
        if len(seg.split()) > 6 or re.search(r"[;:.!?]", seg):
            break
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


def _weak_end(text: str) -> bool:
    """Whether a cut title ends in a word that needs what was cut after it: a number or quantity, a
    participle, or a range or comparison left open ("between $12 million", "rose 43% compared")."""
    last = re.search(r"([\w$£€#%.’'-]+)\W*$", text)
    if last is None:
        return True
    word = last.group(1).lower().rstrip(".")
    if re.fullmatch(r"\d[\d,.]*|" + "|".join(_rules()["quantity_words"]), word):
        return True  # "rights to five", "all 51" (a share or an amount with its unit is complete: "35%", "$6 billion")
    opened = re.search(r"\b(?:between|from)\s+[$£€#]?\d[^,;]*$", text)
    return bool(opened and not re.search(r"\s(?:and|to)\s", opened.group()))


def _article(m: re.Match[str]) -> str:
    """Headlines drop articles, except after a copula, where "It was milestone" and "It is biggest
    contract" do not read: "a"/"an" stay there, and "the" before a superlative or "first"/"only"."""
    if not re.search(r"\b(?:is|are|was|were|be|been|being|became|becomes|become)\s+$", m.string[: m.start()], re.I):
        return ""
    word = m.group().strip().lower()
    nxt = re.match(r"\S+", m.string[m.end() :])
    if word in {"a", "an"} or (nxt and re.fullmatch(r"(?:\w+est|first|last|only|same|latest)", nxt.group().lower())):
        return m.group()
    return ""


def _after_pronoun(text: str, m: re.Match[str]) -> bool:
    """An auxiliary after a pronoun stays: "it is considering" does not read as "it considering"."""
    before = re.search(r"([\w’']+)\s*$", text[: m.start()])
    return bool(before and before.group(1).lower() in _rules()["keep_aux_after"])


def _shorten(text: str, limit: int) -> str:
    r = _rules()
    if len(text) > limit:  # "an upcoming conference": a time word goes like a date when space is short
        text = _tidy(r["re_time_word"].sub("", text))
    if len(text) > limit:
        text = _tidy(r["re_ing"].sub(lambda m: m.group() if _after_pronoun(text, m) else "", text))
    if len(text) > limit:
        text = _tidy(r["re_part"].sub(lambda m: m.group() if _after_pronoun(text, m) else m.group(1) or "", text))
    if len(text) <= limit:
        return text
    best = fallback = None
    for tier in r["cut_before"]:  # strongest boundaries first; the latest one that fits wins
        found = []
        for mark in tier:
            for m in re.finditer(re.escape(mark), text):
                if mark == "," and re.match(r"\d,\d", text[m.start() - 1 : m.start() + 2]):
                    continue  # "32,000": a digit group, not a boundary
                if re.search(r"\b(?:up|according|due|next|close|prior|compared)$", text[: m.start()]):
                    continue  # "up to 60", "according to": one phrase, not a boundary
                if 30 <= m.start() <= limit and not _inside_name(text, m):
                    found.append(m.start())
        # a cut that leaves a number or a participle without its noun ("rights to five", "a fleet
        # consisting") is a worse end than an earlier boundary of the same strength
        good = [at for at in found if not _weak_end(text[:at])]
        if good:
            best = max(good)
            break
        if found and fallback is None:
            fallback = max(found)
    if best is None:
        best = fallback
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


def _sentence_tail(before: str) -> str:
    """The part of the clause's sentence that comes before it (line breaks and sentence stops end sentences)."""
    text = before[before.rfind("\n") + 1 :]
    start = 0
    for m in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9]|$)", text):
        word = re.search(r"(\S+)$", text[: m.start()])
        w = word.group(1) if word else ""
        if not w or w[-1:].isupper() or w.lstrip("(\"“") in _rules()["abbreviations"]:
            continue  # "U.S. Ambassador", "Mr. Lee": an abbreviation, not a sentence end
        start = m.end()
    return text[start:]


def _finite(word: str) -> bool:
    """A finite verb form: a past or a third-person present (lemminflect's tables)."""
    return bool(verb_forms(word) & {"VBD", "VBZ"})


def _is_verb(words: list[str], i: int, loose: bool = True) -> bool:
    """Whether ``words[i]`` is a finite verb (a lower-case happening, state or auxiliary form); ``loose``
    also counts the words that end a subject before its verb (adverbs, "also", "all")."""
    w = words[i].strip(",;:").lower()
    if not words[i][:1].islower():
        return False
    if w in _VERBISH:
        return True
    if loose and (w in _rules()["subject_ends"] or (re.fullmatch(r"\w{3,}ly", w) and w not in _rules()["not_adverbs"])):
        return True
    finite = _finite(w)
    after_det = i > 0 and words[i - 1].lower() in _rules()["determiners"]
    return finite and not after_det  # "the talks": a noun after a determiner


def _main_subject(sentence: str) -> str | None:
    """The subject of a sentence: the words before its first verb, after openers and a leading phrase."""
    r = _rules()
    text = sentence
    for _ in range(3):
        prev = text
        text = r["re_opener"].sub("", text)
        if (lead := r["re_lead"].match(text)) or (lead := r["re_subordinate"].match(text)):
            text = text[lead.end() :]
        if text == prev:
            break
    words = text.split()
    out: list[str] = []
    for i, w in enumerate(words[:9]):
        if _is_verb(words, i) or w.lower() in r["antecedent_stops"] or w.lower() in r["prepositions"] or re.match(r"[(\[—–\"“`]", w):
            break
        out.append(w)
        if re.search(r"[,;:(—–]$", w):
            out[-1] = w.rstrip(",;:(—–")
            break
    else:
        if len(words) > 9:
            return None  # no verb in sight: no subject either
    if not out or not (out[0][:1].isupper() or out[0].lower() in r["determiners"]):
        return None
    return _plain_phrase(out)


def _plain_phrase(words: list[str]) -> str | None:
    """A subject taken over whole: no "of" phrase (which noun a relative clause follows is ambiguous),
    no unbalanced brackets or quotes."""
    phrase = " ".join(w for w in words if w)
    if not phrase or re.search(r"\bof\b", phrase) or re.search(r"[()\[\]\"“”`]", phrase) or re.search(r"['’]s?$", phrase):
        return None  # "Japan's": a possessive names no subject
    return phrase


def _antecedent(sentence: str) -> str | None:
    """The noun phrase a relative clause follows ("according to Reuters, | which cites ..." -> "Reuters")."""
    r = _rules()
    words = sentence.rstrip(" ,;:—–-(").split()
    out: list[str] = []
    for i in range(len(words) - 1, max(-1, len(words) - 9), -1):
        w = words[i]
        low = w.lower().strip("“”\"")
        if out and re.search(r"(?<!\d)[,;:—–(]$", w):
            break  # the phrase starts after a comma
        if low in r["determiners"]:
            out.append(w)
            if i > 0 and words[i - 1].lower() in r["prepositions"]:
                i -= 1  # "the campaign in the north, which": judge the preposition before the determiner
                low, w = words[i].lower(), words[i]
            else:
                break
        if low in r["prepositions"]:
            # "according to Reuters, which": the object is the antecedent; "the campaign in Gaza, which":
            # the relative clause may follow either noun, so there is no safe subject
            head = words[i - 1].lower() if i > 0 else ""
            if i == 0 and w.islower():
                return None  # "of jets, which": a fragment whose head noun is not in sight
            if i > 0 and not (head in r["prepositions_heads"] or head.endswith((",", "ed")) or _is_verb(words, i - 1)):
                return None
            break
        if low in r["antecedent_stops"] or _is_verb(words, i):
            break
        if low in {"and", "or", "&"} and not (out and out[-1][:1].isupper() and i > 0 and words[i - 1][:1].isupper()):
            break
        out.append(w)
    out.reverse()
    while out and out[0].lower() in {"of", "and", "or", "&"}:
        out = out[1:]
    return _plain_phrase(out)


def _missing_subject(clause: str, before: str) -> str | None:
    """The subject a subject-less clause takes from its sentence, if it lacks one."""
    sentence = _sentence_tail(before)
    if not sentence.strip():
        return None
    m = re.match(r"[\s,;:—–-]*(?:\([^()]*\)\s*,?\s*)?((?:and|but|or|then)\s+)?(?:\w+ly\s+|also\s+|now\s+)?([\w’'-]+)\s*(\S*)", clause)
    if m is None:
        return None
    word = m.group(2)
    low = word.lower()
    short = re.match(r"\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,10})\s*\)", clause)
    if short is not None and short.group(1).isupper():
        sentence = short.group(1)  # "... NV (EADS), the parent company, has won ...": the short name is the subject
    if word.islower() and not m.group(1) and not m.group(3)[:1].isupper() and _finite(low):
        return _main_subject(sentence)  # "(GM), announced that ...": a finite verb whose subject went before
    if low in {"which", "who"}:
        return _antecedent(sentence)
    if word.islower() and low.endswith("ing") and len(low) > 4 and low not in _rules()["not_participles"] \
            and low not in _rules()["consequence_participles"]:
        return _main_subject(sentence)
    if word.islower() and low in _VERBISH:
        return _main_subject(sentence)
    return None


# Finite forms that make a reported clause complete enough to keep ("that it will close").
_VERBISH = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
            "should", "must", "did", "does")


def _title(clause: str, dates: list[tuple[int, int]], trigger: str | None, limit: int) -> str:
    r = _rules()
    text = _cut_spans(clause, _date_cuts(clause, list(dates)))
    text = _tidy(text)
    for _ in range(3):  # openers can be stacked: "Still, in 2020, ..."
        before = text
        text = r["re_opener"].sub("", text)
        lead = r["re_lead"].match(text)
        if lead and len(text[lead.end() :].split()) >= 3 and not (trigger and re.search(rf"\b{re.escape(trigger)}\b", lead.group())):
            text = text[_lead_list_end(text, lead.end()) :]
        text = r["re_clause"].sub("", text)
        if text == before:
            break
    text = _tidy(_asides(text, trigger))
    text = re.sub(r"^\([^()]*\)\s*,?\s*", "", text)  # "(GM), announced ...": a leftover parenthesis
    dash = re.search(r"\s*(?:--|[—–])\s*", text)
    if dash is not None:  # "... made its maiden flight --four years behind schedule": the dash opens an aside
        words = text[: dash.start()].split()
        if len(words) >= 4 and any(_is_verb(words, i) or words[i].lower().endswith("ed") for i in range(1, len(words))):
            text = text[: dash.start()]
    text = r["re_lead_article"].sub("", text)
    kept = _fit(_tidy(r["re_article"].sub(_article, text)), limit)
    bare = _fit(_tidy(r["re_article"].sub("", text)), limit)
    # a copula keeps its article ("It was a milestone") unless that costs the title other words
    text = kept if _content_words(kept) >= _content_words(bare) else bare
    if not text:
        text = _tidy(clause)[:limit].rsplit(" ", 1)[0].strip() if len(_tidy(clause)) > limit else _tidy(clause)
    return text


def _lead_list_end(text: str, end: int) -> int:
    """Where the main clause starts after a leading phrase that runs on through a list ("With A, B, and
    C at stake, the West Bank has ..."): past verbless segments when one of them opens with "and"/"or"."""
    segments = re.split(r"(?<!\d),(?!\d)", text[end:])
    pos, listed = end, False
    for seg in segments[:-1]:
        words = seg.split()
        if not words or any(_is_verb(words, i, loose=False) for i in range(len(words))):
            break
        listed = listed or words[0].lower() in {"and", "or"}
        pos += len(seg) + 1
        if listed:
            return len(text) - len(text[pos:].lstrip())
    return end


def _content_words(text: str) -> int:
    return sum(1 for w in text.split() if w.lower() not in {"a", "an", "the"})


def _fit(text: str, limit: int) -> str:
    """The title text shortened to ``limit`` characters at a phrase boundary."""
    text = _trim_end(_rules()["re_reduced"].sub(" ", text))
    if len(text) > limit:
        text = _shorten(text, limit)
    if len(text) > limit:  # no boundary found: hard cut at a word
        text = _trim_end(text[:limit].rsplit(" ", 1)[0])
    return _trim_end(_tidy(text))


def _capitalised(text: str) -> str:
    if text[1:2].isupper():
        return text  # "iPod", "eBay": a name keeps its spelling
    return text[:1].upper() + text[1:]


def title(clause: str, dates: list[tuple[int, int]] = (), trigger: str | None = None, limit: int = MAX_TITLE,
          before: str = "") -> str:
    """A title for an event reported in ``clause``; ``dates`` are the date spans (relative offsets) to remove.

    ``before`` is the article text before the clause: a relative clause (", which cites ...") is titled
    with its antecedent ("Reuters cites ..."), a participial or auxiliary-initial clause (", citing ...",
    "but will receive ...") with the subject of its sentence; both are words of the sentence.
    """
    r = _rules()
    dates = list(dates)
    if (place := re.match(r"(?:in|within|at|on|across|inside|throughout|into)\s+(?=[^,;]{1,60}(?:,\s*|\s*[—–]\s*)where\b)", clause)):
        # "within Israeli politics, where the settler movement holds ...": the place, not its preposition
        cut = place.end()
        clause, dates = clause[cut:], [(a - cut, b - cut) for a, b in dates if a >= cut]
    probe = _tidy(_asides(clause, trigger))  # "The attack, which took place on Sunday, killed ...": an aside
    subject = _missing_subject(probe, before) if before else None
    if subject is None and r["re_relative"].match(probe) and (rel := r["re_relative"].match(clause)) is not None:
        # "according to Reuters, which cites ...", "France and Saudi Arabia—who are ...": the clause
        # carries the words before its relative pronoun; the antecedent is the subject
        ante = _antecedent(rel.group(1))
        # "The airline, which is the third largest": a description reads well as it stands
        described = re.match(r"(?:is|are|was|were)\s+(?!(?:\w+ly\s+)?\w+(?:ing|ed|en|wn)\b)", clause[rel.end() :])
        if ante and (ante != rel.group(1).strip() or rel.group(2).strip(" ,") != "" or not described):
            cut = rel.end()
            subject, clause = ante, clause[cut:]
            dates = [(a - cut, b - cut) for a, b in dates if a >= cut]
    if subject:
        head = _trim_end(_tidy(r["re_article"].sub("", r["re_lead_article"].sub("", subject))))
        names = re.search(r"(?:^|\s)((?:[A-Z][\w.&'’-]*\s*)+)$", head)
        full = _title(clause, dates, trigger, 1000)
        if names and len(head) + 1 + len(full) > limit and re.search(r"\s[a-z]", head[: names.start(1)] + " "):
            head = names.group(1).strip()  # "United States auto manufacturer Chrysler" -> "Chrysler" when space is short
        room = limit - len(head) - 1
        if head and room >= 25:
            rest = _title(clause, dates, trigger, room)
            if rest:
                return _capitalised(f"{head} {rest}")
    return _capitalised(_title(clause, dates, trigger, limit) or "Event")
