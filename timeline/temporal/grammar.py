"""The candidate grammar: the rules of data/rules.yaml and the trigger regex that says where they can start.

``scan(text)`` makes ONE left-to-right pass of the trigger over the text; where it fires, the rules
that can start with the word there are tried in file order and the first that matches wins (what
one alternation of them would find), and the scan goes on after it. It yields ``Candidate``s (rule
name, span, named groups). Filters that need a little context (the modal "may", counts that look
like years) run on the few candidates found, never on the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .periods import YAML_LOADER, PeriodTable, default_periods

DATA = Path(__file__).parent / "data"


@cache
def lexicon() -> dict[str, Any]:
    with open(DATA / "lexicon.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=YAML_LOADER)


def _alt(words: list[str], cased: bool = False) -> str:
    """An alternation of literal words as a prefix trie (see _trie): one branch per letter."""
    body = _trie({w for w in words})
    return f"(?-i:{body})" if cased else f"(?:{body})"


def _cased(words: list[str]) -> list[str]:
    """Capitalised and upper-case spellings of proper names."""
    return [w for n in words for w in (n, n.upper())]


def _period_patterns(table: PeriodTable) -> list[tuple[str, re.Pattern[str]]]:
    """(period id, compiled pattern) for each pattern of each named period, in table order."""
    return [(p.id, re.compile(pat, re.IGNORECASE)) for p in table.periods for pat in p.patterns]


def _placeholders(table: PeriodTable) -> dict[str, str]:
    lx = lexicon()
    months = list(lx["months"])
    abbr = [f"{a}." for a in lx["month_abbreviations"]] + list(lx["month_abbreviations"])
    numbers = list(lx["numbers"])
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    units1 = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    num_words = rf"(?:(?:{'|'.join(tens)})[\s-](?:{'|'.join(units1)})|{_alt(numbers)})"
    num = rf"(?:\d+(?:\.\d+|\s+1/2|\s*½)?|{num_words})"
    vague = _alt(lx["vague_quantities"])
    period_alts = [p.pattern for _, p in _period_patterns(table)]
    refs = list(lx["references"])
    return {
        "MONTH": _alt(_cased(months) + _cased(abbr), cased=True),
        "MONTH_FULL": _alt(_cased(months), cased=True),
        "WEEKDAY": _alt(_cased(list(lx["weekdays"])), cased=True),
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1\d{3}|20\d\d)",
        "YEAR_FULL": r"(?:[1-9]\d{3})",  # after a month and a day any four digits are a year ("December 31, 9999")
        "ERA": r"(?-i:B\.C\.E\.|B\.C\.|BCE|BC|A\.D\.|AD|B\.C)",
        "AMPM": r"(?:[ap]\.\s?m\.|[ap]m\b|(?-i:[AP]M)\b)",
        "TZ": _alt(lx["time_zones"], cased=True),
        "NUM": num,
        "QUANT": rf"(?:{vague}|{num})",
        "VAGUE": vague,
        "UNIT": _alt(list(lx["units"])),
        "SEASON": _alt(list(lx["seasons"])),
        "PMOD": _alt(list(lx["point_modifiers"])),
        "DMOD": _alt(list(lx["duration_modifiers"])),
        "DUR_ADJ": _alt(list(lx["duration_adjectives"])),
        "ORDINAL": _alt(list(lx["ordinals"])),
        "HOLIDAY": _alt(_cased(list(lx["holidays"]) + list(lx["movable_holidays"])), cased=True),
        "YEAR_WORDS": _year_words(lx),
        "DECADE_WORD": _alt(list(lx["decade_words"])),
        "SETWORD": _alt(list(lx["sets"])),
        "REF": _alt(refs),
        "NAMED_PERIOD": "|".join(f"(?:{p})" for p in period_alts) or "(?!)",
        "HOLDER_NAME": _alt(_cased(table.names()), cased=True) if table.holders else "(?!)",
        "TERM_NOUN": _alt(table.nouns()),
    }


def _year_words(lx: dict[str, Any]) -> str:
    """Years written out as broadcast transcripts have them: "nineteen ninety-six", "nineteen
    seventy", "two thousand (and) one", "the year two thousand"."""
    teens = "(?:nineteen|eighteen|seventeen|sixteen|fifteen|twenty)"
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    ones = "(?:one|two|three|four|five|six|seven|eight|nine)"
    low = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    return (rf"(?:{teens}[\s-]+(?:{tens}(?:[\s-]+{ones})?|{low}|hundred(?:\s+and\s+{ones})?|o[\s-]+{ones})"
            rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{ones}|{low}|{tens}(?:[\s-]+{ones})?))?)")


def _fill(pattern: str, ph: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: ph[m.group(1)], pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    source: str  # the rule alone, to read its named groups from a candidate

    @property
    def regex(self) -> re.Pattern[str]:
        return _rx(self.source)


_ANY = frozenset({"*"})


def _firsts(items: list) -> frozenset[str] | None:
    """Lower-cased characters a parsed regex sequence can start with (None: it can be empty);
    "*" in the set means any character."""
    from re import _constants as C  # the parser's own opcodes; stable across 3.11+

    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width
        if op is C.LITERAL:
            return frozenset(out | {chr(av).lower()})
        if op is C.IN:
            for kind, val in av:
                if kind is C.LITERAL:
                    out.add(chr(val).lower())
                elif kind is C.CATEGORY and val is C.CATEGORY_DIGIT:
                    out.update("0123456789")
                elif kind is C.RANGE and val[1] - val[0] < 80:
                    out.update(chr(c).lower() for c in range(val[0], val[1] + 1))
                else:
                    return _ANY
            return frozenset(out)
        if op is C.SUBPATTERN:
            sub = _firsts(list(av[3]))
        elif op is C.BRANCH:
            subs = [_firsts(list(b)) for b in av[1]]
            if any(x == _ANY for x in subs):
                return _ANY
            sub = None if any(x is None for x in subs) else frozenset().union(*subs)  # type: ignore[arg-type]
            if sub is None:
                out.update(*(x for x in subs if x))
                continue
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            sub = _firsts(list(av[2]))
            if sub is not None and av[0] == 0:
                out.update(sub)
                continue
        else:
            return _ANY
        if sub is None:
            continue
        if sub == _ANY:
            return _ANY
        return frozenset(out | sub)
    return None if not out else frozenset(out) | {""}


def lead(text: str, at: int) -> str:
    """The first word of a phrase starting at ``at`` as the dispatch knows it: its leading letters
    in lower case, "#" for a digit, else the character itself ("'" in "'90s")."""
    m = _LETTERS.match(text, at)
    if m is not None:
        return m.group(0).lower()
    ch = text[at] if at < len(text) else ""
    return "#" if ch.isdigit() else ch


_LETTERS = re.compile(r"[^\W\d_]+")
_LEAD_LIMIT = 4000  # more first words than this: the rule is tried everywhere


def _first_words(pattern: str) -> frozenset[str] | None:
    """The first words (``lead``) a regular expression can match text with, read off its parse
    tree; None when they cannot be listed (a letter class, a repeat inside a word, too many)."""
    from re import _constants as C
    from re import _parser

    out: set[str] = set()
    ok = [True]

    def chars_of(av: list) -> list[str] | None:
        chars: list[str] = []
        for kind, val in av:
            if kind is C.LITERAL:
                chars.append(chr(val))
            elif kind is C.RANGE and val[1] - val[0] < 60:
                chars.extend(chr(c) for c in range(val[0], val[1] + 1))
            elif kind is C.CATEGORY and val is C.CATEGORY_DIGIT:
                chars.append("0")
            elif kind is C.CATEGORY and val is C.CATEGORY_SPACE:
                chars.append(" ")
            else:
                return None  # a negated set, a letter category: anything
        return chars

    def heads_of(items: list) -> set[str] | None:
        """The characters ``items`` can start with ("" if it can be empty); None: any."""
        if not items:
            return {""}
        op, av = items[0]
        if op is C.LITERAL:
            return {chr(av).lower()}
        if op is C.IN:
            chars = chars_of(av)
            return None if chars is None else {c.lower() for c in chars}
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return heads_of(items[1:])
        if op is C.SUBPATTERN:
            return heads_of(list(av[3]) + items[1:])
        if op is C.BRANCH:
            got: set[str] = set()
            for b in av[1]:
                h = heads_of(list(b) + items[1:])
                if h is None:
                    return None
                got |= h
            return got
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            h = heads_of(list(av[2]))
            if h is None:
                return None
            if av[0] == 0 or "" in h:
                t = heads_of(items[1:])
                return None if t is None else (h - {""}) | t
            return h
        return None

    def step(ch: str, rest: list, prefix: str) -> None:
        if ch.isalpha():
            walk(rest, prefix + ch.lower())
        elif prefix:
            out.add(prefix)  # a non-letter ends the first word
        else:
            out.add("#" if ch.isdigit() else ch) if not ch.isspace() else ok.__setitem__(0, False)

    def walk(items: list, prefix: str) -> None:
        if not ok[0] or len(out) > _LEAD_LIMIT:
            ok[0] = False
            return
        if not items:
            if prefix:
                out.add(prefix)
            else:
                ok[0] = False  # the rule can match without a word: try it everywhere
            return
        (op, av), rest = items[0], items[1:]
        if op is C.LITERAL:
            step(chr(av), rest, prefix)
        elif op is C.IN:
            chars = chars_of(av)
            if chars is None:
                ok[0] = False
                return
            for ch in dict.fromkeys(c.lower() for c in chars):
                step(ch, rest, prefix)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            walk(rest, prefix)  # zero-width: it only narrows what follows
        elif op is C.SUBPATTERN:
            walk(list(av[3]) + rest, prefix)
        elif op is C.BRANCH:
            for b in av[1]:
                walk(list(b) + rest, prefix)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if lo == 0:
                walk(rest, prefix)
            if hi == 0:
                return
            heads = heads_of(list(sub))
            if hi > 1 and (heads is None or any(c.isalpha() for c in heads)):
                ok[0] = False  # letters that may repeat: the first word cannot be listed
                return
            walk(list(sub) + rest, prefix)  # one pass: a non-letter ends the word whatever follows
        else:
            ok[0] = False

    walk(list(_parser.parse(pattern).data), "")
    return frozenset(out) if ok[0] else None


_GROUP = re.compile(r"\(\?P<\w+>")  # a named group's opening


@cache
def _rx(source: str) -> re.Pattern[str]:
    """Compiled on first use: a short text needs only the few rules its words start."""
    return re.compile(source, re.IGNORECASE)


@cache
def _rx_cased(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True, slots=True)
class Grammar:
    by_word: dict[str, tuple[int, ...]]  # first word (``lead``) -> the rules that can start with it, in order
    wild: tuple[int, ...]  # the rules that can start with any word
    named: tuple[int, ...]  # the named-period rules (tried first where a named period's words start)
    rules: tuple[Rule, ...]  # in rules.yaml order; each compiled on first use (see _rx)
    trigger: re.Pattern[str]  # the character before a word a candidate can start with (the phrase starts at its end)
    regular: str  # the trigger without the named periods' words (anchored at a trigger; compiled when needed)
    periods: tuple[tuple[str, re.Pattern[str]], ...]
    tries: dict[tuple[int, ...], tuple[tuple[Any, str], ...]]  # rules -> their (match, name) in order, filled lazily

    def matchers(self, which: tuple[int, ...]) -> tuple[tuple[Any, str], ...]:
        got = self.tries.get(which)
        if got is None:
            got = self.tries[which] = tuple((self.rules[i].regex.match, self.rules[i].name) for i in which)
        return got


def _trie(words: set[str]) -> str:
    """A regex for a set of lower-case words with shared prefixes factored out: much faster for
    the regex engine than a flat alternation, since a mismatch costs one branch per letter."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return emit(tree)


def _spellings(phrases: set[str]) -> set[str]:
    """The ways a lower-case trigger phrase is written: each word lower-case or capitalised, or
    all of it upper-case ("the first", "The First", "the First", "THE FIRST")."""
    out = set()
    for p in phrases:
        words = p.split(" ")
        forms = [""]
        for w in words:
            forms = [f"{f} {v}" if f else v for f in forms for v in {w, w[:1].upper() + w[1:]}]
        out.update(forms)
        out.add(p.upper())
    return out


def _cased_trie(words: set[str]) -> str:
    """_trie for a case-sensitive regex: literal letters, so a mismatch costs one comparison."""
    return f"(?:{_trie(words)})"


# Common words that start a temporal phrase only with the right next word ("the next day",
# "a day", "at present"): the trigger for them is the two-word prefix, not the word alone.
_PAIRED = frozenset(["the", "a", "an", "at", "to", "in", "no", "up", "more", "less", "just", "these", "right", "very", "half", "once", "this", "that", "new"])


def _prefixes(phrases: object) -> set[str]:
    """Trigger prefixes of phrases: the common words they start with plus the next one ("today",
    "the next", "at the moment")."""
    out = set()
    for p in phrases:  # type: ignore[attr-defined]
        words = re.findall(r"[^\W\d_]+|\d", str(p).lower())
        k = 0
        while k < len(words) - 1 and words[k] in _PAIRED:
            k += 1
        if words:
            out.add(" ".join(words[: k + 1]))
    return out


def _triggers(table: PeriodTable) -> set[str]:
    lx = lexicon()
    out = set(lx["trigger_words"])
    for section in ("months", "month_abbreviations", "weekdays", "numbers", "vague_quantities", "ordinals", "units",
                    "seasons", "parts_of_day", "point_modifiers", "duration_modifiers", "references", "sets",
                    "holidays", "movable_holidays", "time_zones", "decade_words"):
        out |= _prefixes(lx[section])
    seconds = set(lx["after_the"]) | _prefixes(lx["ordinals"]) | _prefixes(lx["seasons"]) | _prefixes(lx["units"])
    seconds |= _prefixes(lx["parts_of_day"]) | _prefixes(lx["numbers"]) | _prefixes(lx["decade_words"])
    out |= {f"the {w}" for w in seconds}
    out |= {f"{a} {w}" for a in ("a", "an") for w in set(lx["after_a"]) | _prefixes(lx["units"])}
    # "this"/"that" + a calendar word: this year, that morning, this March, that same day
    cal = _prefixes(lx["units"]) | _prefixes(lx["parts_of_day"]) | _prefixes(lx["seasons"]) | _prefixes(lx["months"])
    cal |= _prefixes(lx["weekdays"]) | {"same", "past", "coming", "time", "period", "weekend", "era"}
    out |= {f"{a} {w}" for a in ("this", "that") for w in cal}
    return out - _PAIRED


def _named_triggers(table: PeriodTable) -> tuple[set[str], set[str], bool]:
    """Where a named period or a term of office can start: (phrases in any spelling, cased phrases,
    whether these are all the places one can start). A holder's name starts one only as a
    possessive or after "the" ("Merkel's chancellorship", "the Obama years"), never as a bare name
    or a common word ("Major's premiership", not "a major")."""
    lx = lexicon()
    loose: set[str] = {"return", "returning"}
    complete = True
    for period in table.periods:  # the texts a pattern can open with (optional groups skipped or taken)
        for pat in period.patterns:
            opens = _openings(pat)
            complete = complete and opens is not None
            loose |= _prefixes(opens or [])
    if table.holders:
        nouns = _prefixes(table.nouns()) | _prefixes(lx["ordinals"])
        loose |= {f"{p} {w}" for p in ("his", "her", "their") for w in nouns}
        loose |= {f"the {w}" for w in _prefixes(lx["ordinals"])}  # "the second Bush administration"
    cased: set[str] = set()
    for n in table.names():
        for form in (n, n.upper()):
            cased |= {f"{form}'s", f"{form}’s", f"the {form}", f"The {form}"}
    return loose - _PAIRED, cased, complete


def _openings(pattern: str, limit: int = 12) -> list[str] | None:
    """The literal texts a regular expression can start with, up to its first non-literal part:
    "the (?:first |Persian )?Gulf War" -> ["the first Gulf War", "the Persian Gulf War", "the Gulf War"];
    None when they are too many, or one stops inside a word or before its first word (a character
    class there): then they are not all the places the pattern can start."""
    from re import _constants as C
    from re import _parser

    out: list[str] = []
    bad: list[str] = []

    def space(op: object, av: object) -> bool:
        if op is C.IN:
            return all(k is C.CATEGORY and v is C.CATEGORY_SPACE or k is C.LITERAL and v == 32 for k, v in av)  # type: ignore[attr-defined]
        if op is C.LITERAL:
            return av == 32
        return op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1 and space(*av[2][0])  # type: ignore[index]

    def walk(items: list, prefix: str) -> None:
        if len(out) >= limit:
            return
        if not items:
            out.append(prefix)
            return
        (op, av), rest = items[0], items[1:]
        if space(op, av):
            walk(rest, prefix + " ")
        elif op is C.LITERAL:
            walk(rest, prefix + chr(av))
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            walk(rest, prefix)  # zero-width
        elif op is C.SUBPATTERN:
            walk(list(av[3]) + rest, prefix)
        elif op is C.BRANCH:
            for b in av[1]:
                walk(list(b) + rest, prefix)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            walk(rest, prefix)
            walk(list(av[2]) + rest, prefix)
        else:
            firsts = _firsts(items)
            if not prefix.strip() or prefix[-1].isalnum() and (firsts is None or firsts == _ANY or any(
                    c.isalnum() for c in firsts)):
                bad.append(prefix)  # stops before a word or inside one: no word to trigger on
            out.append(prefix)

    walk(list(_parser.parse(pattern).data), "")
    if len(out) >= limit or bad or any(_prefixes([o]) <= _PAIRED for o in out):
        return None
    return out


# A phrase does not run on into a word ("now-cancelled"; "June 10-12" keeps "June 10"); a capital right after
# is a lost space ("1962-1975Some advocates", a heading run into its paragraph)
_TAIL = r"(?!(?!(?-i:[A-Z][a-z]))[\w@]|-[a-z])"


_GRAMMARS: dict[int, tuple[PeriodTable, Grammar]] = {}


def grammar(table: PeriodTable | None = None) -> Grammar:
    """The grammar for a named-period table (the built-in one by default), built once per table."""
    table = table or default_periods()
    got = _GRAMMARS.get(id(table))
    if got is not None and got[0] is table:
        return got[1]
    g = _build(table)
    if len(_GRAMMARS) >= 4:  # a few user tables at most: keep the default and the latest
        for k in [k for k, (t, _) in _GRAMMARS.items() if t is not default_periods()][:1]:
            del _GRAMMARS[k]
    _GRAMMARS[id(table)] = (table, g)
    return g


def _build(table: PeriodTable) -> Grammar:
    """The rules and the trigger, as sources; the rules are compiled one by one when first tried
    (a short text needs few of them) and the trigger once."""
    ph = _placeholders(table)
    with open(DATA / "rules.yaml", encoding="utf-8") as f:
        specs = yaml.load(f, Loader=YAML_LOADER)["rules"]
    rules = tuple(Rule(spec["name"], f"(?:{_fill(spec['pattern'], ph)}){_TAIL}") for spec in specs)
    # zero-width, so that "at the" does not hide "the end of" starting inside it; case-sensitive
    # over the spellings words take in text (see _spellings): the engine then skips a branch of
    # the trie on its first letter, where an IGNORECASE branch would be entered and tried
    before = {"the"}
    loose, cased, complete = _named_triggers(table)
    # (the named periods first: where one can start, its two rules are tried before the rest)
    regular = (r"(?=\d|['’]\d|[qQ][1-4]\b|" + _cased_trie(_spellings(before)) + r"\s+['’]?\d|"
               + _cased_trie(_spellings(_triggers(table))) + r"[sS]?\b)")
    body = r"(?=[\w'’])(?=(?P<named>" + _cased_trie(_spellings(loose) | cased) + r"[sS]?\b)|" + regular[3:]
    # the trigger consumes the character before a phrase (no word character, currency sign or
    # handle: the rules' own head, so they need not check it) and looks ahead from there: a
    # pattern that opens with a character class lets the engine skip the letters inside words in
    # a tight loop instead of trying the pattern at each one; the phrase starts at the match's end
    # (a phrase opening the text: the trigger is tried on it behind a space, see scan)
    trigger = re.compile(r"[^\w$€£¥#@/](?<!\d[,.])" + body)
    named_rules = ("named_period", "term_of_office")
    named = tuple(i for i, spec in enumerate(specs) if spec["name"] in named_rules)
    # at a trigger only the rules that can start with its word (``lead``, read off each rule's
    # parse tree) are tried, in file order, so the same rule wins as in one alternation; the
    # named-period rules only where the named trigger fired, when it covers every place they can start
    by_word: dict[str, list[int]] = {}
    wild: list[int] = []
    for i, (spec, rule) in enumerate(zip(specs, rules, strict=True)):
        if complete and spec["name"] in named_rules:
            continue  # (their first words are the named trigger's: not read off their long patterns)
        fw = _first_words(_GROUP.sub("(?:", rule.source))
        if fw is None:
            wild.append(i)
            for rules_of in by_word.values():
                rules_of.append(i)
            continue
        for w in fw:
            by_word.setdefault(w, list(wild)).append(i)
    return Grammar({w: tuple(r) for w, r in by_word.items()}, tuple(wild), named, rules, trigger, regular,
                   tuple(_period_patterns(table)), {})


@dataclass(slots=True)
class Candidate:  # plain slots (built per candidate; frozen __init__ is slow): treat as immutable
    rule: str
    start: int
    end: int
    text: str
    groups: dict[str, str]


_MODAL_NEXT = re.compile(r"\s+(?:not|be|have|also|well|still|even|never|soon|yet|already|only|just|[a-z]+(?<!s))\b")
_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|during|from|to|through|early|late|mid|before|after|last|next|this|each|every|"
    r"and|or|between|throughout|end|beginning|start|middle)\s+|-)$",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(r"\s+(?:[a-z]+s|people|men|women|children|staff|personnel|dead|killed|wounded|km|kg|mi)\b")
_NAME_AFTER = re.compile(r"\s+(?-i:(?:Times|Telegraph|Post|Express|Mirror|Herald|Tribune|Star|Sport|Night\s+(?:Football|Live)|"
                         r"Island|Islands|Olympics|Olympic|Games|Palace|Offensive|Uprising|War|Revolution)\b)")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|his|her|their|our)|['’]s)\s+$", re.IGNORECASE)
_NAMED_DAY = re.compile(r"(?-i:\b(?:Black|Cyber|Super|Good|Ash|Holy|Bloody|Blue|Maundy|Easter|Whit|Palm)\s+)$")
_NAME_BEFORE = re.compile(r"(?-i:\b([A-Z][a-z]+))\s+$")
_FUNCTION_WORDS = frozenset(
    ["in", "on", "by", "at", "of", "for", "from", "to", "since", "until", "till", "through", "during", "before", "after", "and", "or", "but", "the", "this", "that", "last", "next", "early", "late", "mid", "each", "every", "until", "around", "about", "between", "late", "late", "by", "when", "while", "as", "then", "since"]
)
_NUMBERED = re.compile(
    r"(?:No\.|number|#|flight|route|highway|model|page|pp\.|vol\.|resolution|article|section|chapter|room|"
    r"code|platform|\d\s?)\s*$", re.IGNORECASE)
_NOT_PLURAL = frozenset(["was", "has", "is", "as", "his", "its", "this", "us", "plus", "thus", "bus", "gas", "yes", "versus", "towards", "across", "was", "less"])


_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")


def _modifies_noun(text: str, end: int) -> bool:
    """Whether a noun or an adjective follows right after ``end`` ("quarterly dividend", "daily public rally")."""
    from timeline.nlp import parts_of_speech

    m = _WORD_AFTER.match(text, end)
    return m is not None and bool(parts_of_speech(m.group(1)) & {"NOUN", "ADJ"}) and m.group(1) not in _FUNCTION_WORDS


_MONTH_AFTER = re.compile(r"\s*(?:[,.;:)]|\s+(?:\d|and\b|or\b|to\b))")  # "May 5", "in May, ...", "March and April"
_OF_NOUN = re.compile(r"\s+of\s+(?!\d)")
_OF = re.compile(r"\s+of\b")
_OF_COUNTED = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|your|all|a|an|those|these|this|that)\b|\s+of\s+\d", re.IGNORECASE)
_SPRING_NOUN_BEFORE = re.compile(r"\b(?:a|hot|mineral|to|will|would|could|can|may|might|did|does)\s+$", re.IGNORECASE)
_SPRING_VERB_AFTER = re.compile(r"\s+(?:up|into|back|from|forth|loaded|to\b|water)", re.IGNORECASE)
_COMMA = re.compile(r"\s*,")
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)


def _accept(c: Candidate, text: str) -> bool:
    """Context filters for the ambiguous forms; cheap because they run on candidates only."""
    if c.rule == "month":
        word = c.text
        if word.lower() in {"may", "march"}:
            before = text[max(0, c.start - 20) : c.start]
            if _MONTH_CONTEXT_BEFORE.search(before):
                return True
            after = text[c.end : c.end + 20]
            # "May" after a sentence start followed by a lowercase word is the modal/verb
            return bool(_MONTH_AFTER.match(after)) and not _MODAL_NEXT.match(after)
        return True
    if c.rule == "year":
        after = text[c.end : c.end + 20]
        m = _COUNT_NOUN.match(after)
        # "1500 troops" counts; "the 1992 protests", "fiscal 1989 sales" date the noun
        if m and m.group(0).strip().lower() not in _NOT_PLURAL and not c.groups.get("fiscal") and \
                not _DETERMINER_BEFORE.search(text, max(0, c.start - 8), c.start):
            return False
        before = text[max(0, c.start - 12) : c.start]
        return not _NUMBERED.search(before)
    if c.rule == "weekday" and _NAMED_DAY.search(text, max(0, c.start - 8), c.start):
        return False  # "Black Monday", "Super Tuesday", "Good Friday": a named day, not this week's
    if c.rule in ("weekday", "holiday", "season") and _NAME_AFTER.match(text, c.end):
        return False  # part of a name: "the Sunday Times", "Christmas Island", "Winter Olympics"
    if c.rule in ("season", "month", "holiday") and c.text[0].isupper():
        m = _NAME_BEFORE.search(text, max(0, c.start - 20), c.start)
        if m and m.group(1).lower() not in _FUNCTION_WORDS:
            return False  # part of a name: "the Arab Spring", "the Long March", "White Christmas"
    if c.rule == "season":
        g = c.groups
        if g.get("season", "").lower() == "fall" and not (g.get("rel") or g.get("year") or g.get("the") or g.get("mod")):
            return False
        if g.get("season", "").lower() == "fall" and g.get("the") and _OF_NOUN.match(text, c.end):
            return False  # "the fall of Berlin"
        if g.get("season", "").lower() == "spring" and not (g.get("rel") or g.get("year") or g.get("the") or g.get("mod")):
            # the season unless the verb or the noun ("a hot spring", "to spring up")
            before = text[max(0, c.start - 12) : c.start]
            if _SPRING_NOUN_BEFORE.search(before):
                return False
            return not _SPRING_VERB_AFTER.match(text, c.end)
        return True
    if c.rule == "quarter":
        g = c.groups
        return not ((g.get("part") or "").lower() == "half" and not (g.get("year") or g.get("rel")))
    if c.rule == "duration":
        g = c.groups
        unit = (g.get("unit") or "").lower()
        num = (g.get("num") or "").lower()
        if unit.startswith("second") and num in {"a", "an"}:
            return False
        # "a quarter of its dealers", "three quarters of the vote": a fraction of something
        # counted, not "several quarters of losses"
        return not (unit.startswith("quarter") and _OF_COUNTED.match(text, c.end))
    if c.rule == "reference" and c.text.lower().startswith(("the future", "the past")):
        return not _OF.match(text, c.end)  # "the future of the region" is a topic
    if c.rule == "that_time" and _COMMA.match(text, c.end):
        return not _AT_BEFORE.search(text[max(0, c.start - 4) : c.start])  # "At the same time," = meanwhile
    if c.rule == "set" and "word" in c.groups and _modifies_noun(text, c.end):
        return False  # "quarterly dividend", "daily volume": an adjective of frequency, not a time (TimeBank)
    if c.rule == "named_period":
        return True  # holder checks happen in normalize (they need the preceding text)
    return True


def _first(matchers: tuple[tuple[Any, str], ...], text: str, at: int) -> tuple[re.Match[str] | None, str]:
    """The first rule (in file order) that matches at ``at``, and its name: what one alternation
    of them would find."""
    for match, name in matchers:
        m = match(text, at)
        if m is not None:
            return m, name
    return None, ""


def scan(text: str, table: PeriodTable | None = None) -> Iterator[Candidate]:
    """Candidates in text order, non-overlapping (one left-to-right pass)."""
    g = grammar(table)
    by_word, wild = g.by_word, g.wild
    search = g.trigger.search
    pos = 0
    # a phrase opening the text: the trigger tried behind a space (a first word is shorter than 200)
    t = g.trigger.match(" " + text[:200])
    shift = 1 if t is not None else 0
    # the trigger regex is a cheap first pass; the rules are only tried where it fires, those that
    # can start with the word there, and the next search starts after a match (no triggers inside
    # a candidate)
    while t is not None or (t := search(text, pos - 1 if pos else 0)) is not None:
        s, named, t, shift = t.end() - shift, t.lastgroup == "named", None, 0
        m = None
        if named:
            m, name = _first(g.matchers(g.named), text, s)
            if m is None and _rx_cased(g.regular).match(text, s) is None:
                pos = s + 1  # no other rule starts here ("the Persian Empire")
                continue
        if m is None:
            m, name = _first(g.matchers(by_word.get(lead(text, s), wild)), text, s)
        if m is None:
            pos = s + 1
            continue
        pos = m.end()
        s, e = m.span()
        cand = Candidate(name, s, e, m.group(0), {k: v for k, v in m.groupdict().items() if v is not None})
        if _accept(cand, text):
            yield cand
