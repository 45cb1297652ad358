"""Find the happenings in each clause and anchor them in time.

A clause reports an event when it has a happening (a verb or event noun from
``data/triggers.json``) and an anchor, tried in this order:

1. a temporal mention inside the clause (the tagger's When, used as is);
2. a vaguely dated event noun in the clause ("a recent meeting", "the upcoming conference");
3. the discourse: a definite reference to an earlier happening ("during the talks", "following
   the meeting") or a cue such as "earlier in the day" takes that happening's date;
4. another clause of the same sentence that has one of the anchors above;
5. the publication date, for present-tense and present-perfect reports and happenings;
6. the narrative: a past-tense happening continues the paragraph's last dated happening,
   and a past-tense report without one is dated by the publication date.

Hypothetical clauses (modal verbs) are events only with a future date of their own. Nothing here
reads the machine clock: every date comes from a mention or the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from timeline.models import Anchor, Article, Mention, Modifier, Precision, TimexType, When

from . import lexicon
from .segment import Span, segment

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")  # "A380" is one word, not the article "A"
# Adverbs and negation that may stand between an auxiliary and its verb.
_SKIPPABLE = re.compile(r"^(?:\w+ly|not|also|just|since|already|now|then|still|never|yet|jointly|all)$", re.I)


@dataclass(frozen=True)
class Detected:
    """One dated happening: the clause it is reported in and how its date was found."""

    clause: Span
    sentence: int
    paragraph: int
    trigger: str
    kind: str | None
    tense: str
    when: When
    how: str  # mention | vague | discourse | sentence | publication | narrative | state | forecast
    date_text: str | None
    classes: frozenset[str] = field(default_factory=frozenset)
    core: Span | None = None  # the clause the title is written from, when the quote reaches wider

    @property
    def confidence(self) -> float:
        return _CONFIDENCE[self.how]


_CONFIDENCE = {"mention": 0.9, "vague": 0.6, "discourse": 0.7, "sentence": 0.75, "publication": 0.6, "narrative": 0.5,
               "state": lexicon.load("states")["confidence"], "forecast": lexicon.load("states")["dated_confidence"]}


@dataclass
class _Clause:
    span: Span
    sentence: int
    paragraph: int
    trigger: str | None = None
    kind: str | None = None
    tense: str = "none"
    classes: frozenset[str] = frozenset()
    when: When | None = None
    how: str | None = None
    date_text: str | None = None
    reference: str | None = None  # class of the earlier happening it refers to
    cue: str | None = None  # a discourse cue such as "earlier in the day"
    passed: Mention | None = None  # a date a present-tense report hands on to its reported content
    nominal: tuple[Span, When, str, str] | None = None  # "an upcoming conference" in a clause dated otherwise
    core: Span | None = None
    state: tuple[int, str] | None = None  # the first finite present verb, for states as of publication
    embedded: tuple[Span, Span, Mention, str] | None = None  # a dated phrase inside a present clause
    at: int | None = None  # where the clause's own date is written
    side: bool = False  # its trigger is in an aside or a participle, not the main verb
    premods: list[Mention] = field(default_factory=list)  # "the 12:00 UTC announcement": dated event nouns
    postmods: list[Mention] = field(default_factory=list)  # "a loss last year" in a clause of another time


@cache
def _anchors() -> dict:
    return lexicon.load("anchors")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _anchors()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    nouns = alt(list(lexicon.nouns()))
    mods = r"(?:[\w'’.-]+\s+){0,4}?"
    return {
        "cue": re.compile(rf"\b(?:{alt(data['discourse_cues'])})\b", re.I),
        "past": re.compile(rf"\b(?:a|an|the|its|their|his|her|this)\s+(?:\w+\s+)?(?:{alt(data['vague']['past'])})\s+{mods}({nouns})\b", re.I),
        "future": re.compile(rf"\b(?:a|an|the|its|their|his|her|this)\s+(?:\w+\s+)?(?:{alt(data['vague']['future'])})\s+{mods}({nouns})\b", re.I),
        # "during the meeting", "following the talks": a prepositional reference to a happening.
        "ref_prep": re.compile(
            rf"\b(?:{alt(data['reference_prepositions'])})\s+(?:{alt(data['reference_determiners'])})\s+{mods}({nouns})\b", re.I
        ),
        # "The talks took place ...", "The West Bank discussions unfolded ...": the subject refers back.
        "ref_subject": re.compile(rf"^(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]his)\s+{mods}({nouns})\b"),
        "modal": re.compile(rf"\b(?:{alt(data['modals'])})\b", re.I),
        "unrealized": re.compile(rf"\b(?:{alt(data['unrealized'])})\b", re.I),
    }


def _tense(words: list[tuple[int, int, str]], i: int, form: str) -> str:
    """The tense of the verb at words[i] from its form and the auxiliaries before it."""
    aux: list[str] = []
    j = i - 1
    while j >= 0 and len(aux) < 3:
        w = words[j][2].lower()
        if _SKIPPABLE.match(w) and w not in {"will", "would"}:
            j -= 1
            continue
        if w in {"will", "shall", "would", "could", "should", "might", "may", "can", "must", "to",
                 "has", "have", "had", "is", "are", "am", "was", "were", "be", "been", "being", "’s", "'s", "did", "does", "do"}:
            aux.append(w)
            j -= 1
            continue
        break
    a = aux[0] if aux else None
    deep = set(aux)
    if deep & {"would", "could", "should", "might", "may", "can", "must"}:
        return "modal"
    if deep & {"will", "shall"}:
        return "future"
    if a == "to" or (a == "be" and "to" in deep):
        return "nonfinite"
    if deep & {"has", "have"} and form == "past":
        return "perfect"
    if deep & {"had", "was", "were", "did"}:
        return "past"
    if deep & {"is", "are", "am", "does", "do"}:
        return "present"
    if form == "past":
        return "past"
    if form == "s":
        return "present"
    if form == "ing":
        return "nonfinite"
    return "base"


# A lower-case noun-like word: a past form right after it may be a reduced relative ("a note sent").
_REDUCED_RELATIVE = re.compile(r"^(?!(?:he|she|it|they|we|i|you|who|which|that|and|also|then|had|has|have|was|were|not)$)[a-z][a-z'’-]*$")
# What follows a plural "say" ("experts say that ...", "reports say the deal ...").
_REPORT_OBJECT = {"that", "the", "a", "an", "it", "he", "she", "they", "we", "its", "his", "their", "this", "there"}
_PARTICIPLE_NEXT = {"to", "by", "in", "from", "for", "at", "on", "against", "with", "as", "during", "under", "into", "over"}
_CONNECTIVE_ADVERB = re.compile(r"^(?:\w+ly|however|meanwhile|therefore|though|also|instead|then|now|too|in turn|moreover|furthermore|thus|later|earlier|again|today|yesterday)$", re.I)
_ASIDE = re.compile(r",\s*(?:which|who|whose|where|when)\b[^,;]*,")
_DETERMINERS = {"the", "a", "an", "these", "those", "this", "its", "his", "her", "their", "our", "my", "your"}
_TENSE_RANK = {"past": 0, "perfect": 0, "present": 0, "future": 1, "base": 2, "modal": 3, "nonfinite": 4}


def _trigger(c: _Clause) -> None:
    """Pick the clause's happening: its first finite happening verb, else an event noun."""
    text = c.span.text
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    vocab, nouns, vclass = lexicon.verbs(), lexicon.nouns(), lexicon.verb_class()
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    best: tuple[int, int, str, lexicon.VerbForm, str, float] | None = None
    classes: set[str] = set()
    for i, (_, _, w) in enumerate(words):
        low = w.lower()
        if low in nouns:
            classes.add(nouns[low])
        if i + 1 < len(words) and f"{low} {words[i + 1][2].lower()}" in nouns:
            classes.add(nouns[f"{low} {words[i + 1][2].lower()}"])
        vf = vocab.get(low)
        if vf is None or (w[0].isupper() and i > 0):  # a capitalised word mid-clause is a name
            continue
        if vf.form in {"s", "ing", "past"} and i > 0 and words[i - 1][2].lower() in _DETERMINERS:
            continue  # "the talks", "the planned visit": a noun or an adjective
        prev = words[i - 1][2] if i > 0 else ""
        k = i - 1
        while k > 0 and _SKIPPABLE.match(words[k][2]):  # "will now receive", "also have"
            k -= 1
        before = words[k][2] if i > 0 else ""
        if vf.form == "base" and not before.lower() in {"will", "would", "could", "should", "might", "may", "can", "must", "to", "do", "does", "did", "not"}:
            nxt = words[i + 1][2] if i + 1 < len(words) else ""
            plural = prev.lower() in {"they", "we", "i", "you"} or (prev.endswith("s") and not prev.endswith("ss") and prev.islower())
            # "Boeing say airlines demand ...": a name right before a bare reporting verb is its subject
            name = i == 1 and prev[:1].isupper() and prev.lower() not in _DETERMINERS
            obj = nxt.lower() in _REPORT_OBJECT or (nxt.islower() and nxt.endswith("s") and not nxt.endswith("ss"))
            if vf.kind == "statement" and (plural or name) and obj:
                vf = lexicon.VerbForm(vf.lemma, vf.kind, "s")  # "experts say", "Reports say": plural present
            else:
                continue  # a bare base form is too often a noun ("the cut", "a report")
        tense = _tense(words, i, vf.form)
        if vf.form == "ing" and tense == "nonfinite" and i == 0:
            tense = "nonfinite"
        rank = _TENSE_RANK[tense]
        side = False
        if any(a <= words[i][0] < b for a, b in asides):
            rank += 2  # "The attack, which took place on March 3, killed ...": the aside is not the news
            side = True
        after = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if tense == "past" and vf.form == "past" and i > 0 and _REDUCED_RELATIVE.match(words[i - 1][2]) and after in _PARTICIPLE_NEXT:
            # "a note sent to other countries", "actions taken against Israel ... would": a participle
            rank, side = 3.5, True
            if _patterns()["modal"].search(text):
                tense = "nonfinite"
        elif vf.form == "past" and i > 0 and text[: words[i][0]].rstrip().endswith(",") \
                and _REDUCED_RELATIVE.match(words[i - 1][2]) and not _CONNECTIVE_ADVERB.match(words[i - 1][2]):
            side = True  # "The plan, called ``Way Forward'', is to ...": a participle between commas
        if best is None or rank < best[5]:
            best = (i, words[i][0], w, vf, tense, rank)
            c.side = side
        if lexicon.verb_class().get(vf.lemma):
            classes.add(vclass[vf.lemma])
    if best is not None:
        _, _, w, vf, tense, _ = best
        c.trigger, c.kind, c.tense = w, vf.kind, tense
    elif classes:
        noun = next(w for _, _, w in words if w.lower() in nouns)
        c.trigger, c.kind, c.tense = noun, _noun_kind(nouns[noun.lower()]), "noun"
    c.classes = frozenset(classes)


def _noun_kind(cls: str) -> str:
    return {"conference": "meeting"}.get(cls, cls)


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def publication_when(published: dt.date | dt.datetime) -> When:
    d = _day(published)
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=Anchor.PUBLICATION)


def _vague_when(direction: str, published: dt.date | dt.datetime) -> When:
    """'a recent X': approx interval ending at the DCT; 'the upcoming X': from the day after the DCT."""
    d = _day(published)
    if direction == "past":
        return When(value="PAST_REF", start=d - dt.timedelta(days=_anchors()["recent_days"]), end=d,
                    modifier=Modifier.APPROX, anchor=Anchor.PUBLICATION)
    return When(value="FUTURE_REF", start=d + dt.timedelta(days=1), end=None, anchor=Anchor.PUBLICATION)


def _usable(m: Mention) -> bool:
    return m.when.resolved and m.when.type != TimexType.SET


def _year_fix(sentence_mentions: list[Mention]) -> dict[int, When]:
    """A day whose year was guessed takes the year written elsewhere in the sentence.

    "turn October 7 into ... a reference to the 2023 Hamas attack": October 7 of 2023.
    """
    years = [m for m in sentence_mentions if m.when.precision == Precision.YEAR and m.when.anchor == Anchor.EXPLICIT
             and re.fullmatch(r"\d{4}", m.when.value)]
    days = [m for m in sentence_mentions if m.when.precision == Precision.DAY and m.when.anchor != Anchor.EXPLICIT
            and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", m.when.value) and not re.search(r"\d{4}", m.text)]
    if len(years) != 1 or len(days) != 1:
        return {}
    y, dm = int(years[0].when.value), days[0].when.value[5:]
    try:
        d = dt.date(y, int(dm[:2]), int(dm[3:]))
    except ValueError:
        return {}
    fixed = When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=Anchor.INFERRED)
    return {id(days[0]): fixed, id(years[0]): fixed}


def detect(article: Article, mentions: list[Mention]) -> list[Detected]:
    """The dated happenings of an article, in text order."""
    text, published = article.text, article.published
    pats, cues = _patterns(), _patterns()["cue"]
    usable = sorted((m for m in mentions if m.article == article.id and _usable(m)), key=lambda m: m.start)
    clauses: list[_Clause] = []
    paragraph, last_end = 0, 0
    out: list[Detected] = []
    history: list[_Clause] = []  # dated clauses so far, for discourse references
    quotes = _doc_quotes(text)
    for si, (sent, parts) in enumerate(segment(text)):
        if "\n" in text[last_end : sent.start]:
            paragraph += 1
        last_end = sent.end
        in_sentence = [m for m in usable if sent.start <= m.start and m.end <= sent.end]
        fixes = _year_fix(in_sentence)
        day_of = {k: m for m in in_sentence for k in fixes if id(m) == k}
        clauses = [_Clause(p, si, paragraph) for p in parts]
        for c in clauses:
            _trigger(c)
            c.state = _state_verb(c.span)
            at = c.span.start + c.span.text.find(c.trigger or "")
            if c.state is not None and c.side and c.state[0] > at and "," in text[at : c.state[0]]:
                # "The plan, called ``Way Forward'', is to end ...": the participle or aside is no main verb
                c.trigger, c.kind, c.tense = None, None, "none"
            own = [m for m in in_sentence if c.span.start <= m.start and m.end <= c.span.end and not cues.fullmatch(m.text.strip())]
            if own and c.trigger is not None:
                # A date inside a quotation belongs to what is quoted, not to the report around it.
                quoted = _quoted(c.span)
                at = c.span.start + c.span.text.find(c.trigger)
                if not any(a <= at < b for a, b in quoted):
                    own = [m for m in own if not any(a <= m.start < b for a, b in quoted)]
            if c.tense == "present":  # "At the same time, Paris is seeking ...": present means now
                own = [m for m in own if m.when.anchor != Anchor.DISCOURSE]
            if c.tense == "noun":  # an event noun needs a real date ("the future of ..." is none)
                own = [m for m in own if not m.when.value.endswith("_REF")]
            # "its biggest fall since 1987", "suspended since July 2003": a period's start, not the happening's time
            own = [m for m in own if not re.search(r"\bsince\s+$", text[max(0, m.start - 7) : m.start], re.I)]
            if c.tense != "noun":  # "the boxy cars of the 70s": a date after "of" describes the noun before it
                own = [m for m in own if not _OF_DATE.search(text[max(0, m.start - 30) : m.start])]
            if published is not None and c.tense in {"future", "past"}:
                # "will cut 30,000 jobs after a loss last year", "agreed to deliver the planes in 2030": a date
                # on the wrong side of the publication date belongs to something else in the clause
                wrong = [m for m in own if _wrong_side(c.tense, m.when, published)]
                c.postmods = [m for m in wrong if _postmodified(text, m, c.span) is not None]
                own = [m for m in own if m not in wrong]
            cue = cues.search(c.span.text)
            if cue:
                c.cue = cue.group()
            if own and c.tense == "present" and c.kind == "statement" and published is not None and not _SUBORDINATE.match(c.span.text):
# "For the final quarter of 2009, Ford says | it made ...": the saying is now; the date
                # belongs to the reported happening.
                first = min(own, key=lambda m: m.start)
                at = c.span.start + c.span.text.find(c.trigger or "")
                if _PERIOD_PREP.search(text[c.span.start : first.start]) or _PERIOD_PREP.match(first.text):
                    c.passed, own = first, []
                elif any(_covers(m.when, published) for m in own):
                    own = []  # "says this year": the publication day is the finer date
                else:
                    own = [m for m in own if m.start < at]  # "plans to cut ... by 2008": the plan is now
            if own and c.tense != "noun":
                # "has a June 1 deadline", "the 12:00 UTC announcement": a date before a noun dates that
                # noun, not the clause's verb; a dated event noun is an event of its own
                c.premods = [m for m in own if _premodifies(text, m) == "event"]
                own = [m for m in own if _premodifies(text, m) is None
                       or (m in c.premods and c.tense not in _NOW_TENSES)]  # "Our Q3 results show Ford is making"
            if own:
                pos = c.span.start + (c.span.text.find(c.trigger) if c.trigger else 0)
                # a specific date beats a vague one ("will now receive the aircraft next month"), and a
                # date of the clause beats one of a noun ("presented a plan following the 12:00 UTC announcement")
                m = min(own, key=lambda m: (m.when.value.endswith("_REF"), _premodifies(text, m) is not None,
                                            abs(m.start - pos), m.start))
                c.when, c.how, c.date_text = fixes.get(id(m), m.when), "mention", m.text
                c.at = m.start
                c.premods = [p for p in c.premods if p is not m]
                if id(m) in fixes:
                    # "turn October 7 into ...—a reference to the 2023 attack": quote from the day on
                    day = next(d for k, d in day_of.items() if k != id(m))
                    if sent.start <= day.start < c.span.start:
                        c.core = c.span
                        c.span = Span(day.start, c.span.end, text[day.start : c.span.end])
                        c.date_text = day.text
                if c.tense == "modal" and published is not None and (c.when.start is None or c.when.precision is None or _day(c.when.start) <= _day(published)):
                    c.when = c.how = None  # "would turn October 7 into ...": the date is not the clause's time
                continue
            if published is not None:
                for direction in ("past", "future"):
                    v = pats[direction].search(c.span.text)
                    if not v:
                        continue
                    when, cls = _vague_when(direction, published), lexicon.nouns()[v.group(1).lower()]
                    if c.tense in _NOW_TENSES:
                        # "The administration is urging governments to boycott an upcoming conference":
                        # the urging is now; the conference is an event of its own.
                        tail = _NP_TAIL.match(c.span.text, v.end())
                        a = c.span.start + v.start()
                        b = c.span.start + (tail.end() if tail else v.end())
                        c.nominal = (Span(a, b, text[a:b]), when, v.group(), cls)
                        break
                    c.when, c.how, c.date_text = when, "vague", v.group()
                    c.classes = c.classes | {cls}
                    break
                if c.when is not None:
                    continue
            ref = pats["ref_prep"].search(c.span.text) or pats["ref_subject"].search(c.span.text)
            if ref and not _verb_inside(ref.group()) and lexicon.nouns()[ref.group(1).lower()] in _REFERABLE:
                c.reference = lexicon.nouns()[ref.group(1).lower()]
                c.classes = c.classes | {c.reference}
            prior = _referent(history, c) if c.tense not in _NOW_TENSES else None
            if prior is not None:
                c.when, c.how, c.date_text = prior.when, "discourse", prior.date_text
        for prev, c in zip(clauses, clauses[1:], strict=False):
            if prev.passed is not None and c.when is None and c.tense not in _NOW_TENSES:
                m = prev.passed
                c.when, c.how, c.date_text = fixes.get(id(m), m.when), "mention", m.text
        # Clauses of one sentence share an anchor found in any of them.
        for i, c in enumerate(clauses):
            if c.when is None:
                near = sorted((k for k, o in enumerate(clauses) if o.when is not None and o.how != "sentence"
                               and _is_quote(o.span) == _is_quote(c.span)  # a quotation keeps its dates
                               and _shareable(c, i, o, k, quotes, published)),
                              key=lambda k: (abs(k - i), k > i))
                if near:
                    o = clauses[near[0]]
                    if c.tense not in _NOW_TENSES and not (c.tense == "modal" and o.how != "mention"):
                        c.when, c.how, c.date_text = o.when, "sentence", o.date_text
        kept: list[_Clause] = []
        for ci, c in enumerate(clauses):
            if _patterns()["unrealized"].search(c.span.text):
                continue  # "has yet to offer a signal": nothing happened
            if not _happening(c, clauses, kept, history, published) and not _as_state(c, ci, clauses, quotes, published, text) \
                    and not _as_forecast(c, quotes, published):
                continue
            _embedded(c, in_sentence, text, published)
            history.append(c)
            kept.append(c)
        for c in kept:
            span = _with_complement(text, c, clauses, kept)
            core = c.core
            i = clauses.index(c)
            if core is None and span == c.span and c.kind == "statement" and len(WORD.findall(c.span.text)) < 4 \
                    and i + 1 < len(clauses) and clauses[i + 1] in kept:
                # "and predicted | that it would be profitable by 2011": the title says what was predicted
                nxt = clauses[i + 1].span
                core = Span(c.span.start, nxt.end, text[c.span.start : nxt.end])
            out.append(Detected(span, c.sentence, c.paragraph, c.trigger, c.kind, c.tense, c.when, c.how,
                                c.date_text, c.classes, core))
            if c.embedded is not None:
                e_span, e_core, m, head = c.embedded
                vf = lexicon.verbs().get(head.lower())
                out.append(Detected(e_span, c.sentence, c.paragraph, head, vf.kind if vf else None, "nonfinite",
                                    m.when, "mention", m.text, c.classes, e_core))
            if c.nominal is not None:
                n_span, n_when, n_text, n_class = c.nominal
                out.append(Detected(n_span, c.sentence, c.paragraph, n_text.split()[-1], _noun_kind(n_class), "noun",
                                    n_when, "vague", n_text, frozenset({n_class})))
        for c in clauses:  # dated event nouns inside clauses, kept or not
            if published is not None and c.how != "state" and c.tense not in _NOW_TENSES:
                for aside in _present_asides(c, quotes):  # "The airline, which is the third largest, signed ..."
                    lead = text[c.span.start : aside.start]
                    # the title names what the aside is about when it follows the clause's subject
                    core = Span(c.span.start, aside.end, text[c.span.start : aside.end]) if len(lead.split()) <= 8 else None
                    out.append(Detected(aside, c.sentence, c.paragraph, _state_verb(aside)[1], "state", "present",
                                        publication_when(published), "state", None, core=core))
            for p in c.premods:  # "following the 12:00 UTC announcement by GM": the announcement's own date
                head = _NOUN_AFTER.match(text, p.end)
                tail = _PREMOD_TAIL.match(text, head.end())
                n_span = Span(p.start, tail.end(), text[p.start : tail.end()])
                noun = head.group(1)
                cls = lexicon.nouns().get(noun) or lexicon.nouns().get(noun.rstrip("s"))
                out.append(Detected(n_span, c.sentence, c.paragraph, noun, _noun_kind(cls) if cls else None, "noun",
                                    p.when, "mention", p.text, frozenset({cls} if cls else ())))
            for p in c.postmods:  # "will cut jobs after a US$ 1.6 billion loss last year": the loss's date
                start, noun = _postmodified(text, p, c.span)
                cls = lexicon.nouns().get(noun.lower())
                n_span = Span(start, p.end, text[start : p.end])
                out.append(Detected(n_span, c.sentence, c.paragraph, noun, _noun_kind(cls) if cls else None, "noun",
                                    p.when, "mention", p.text, frozenset({cls} if cls else ())))
    return out


_BEFORE_PREMOD = re.compile(r"(?:\b(?:the|a|an|its|their|our|his|her|this|that)|['’]s)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s*([a-z][a-z-]*)\b")
_NOT_HEAD = {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "is", "are", "was", "were",
             "has", "have", "had", "will", "would", "as", "when", "after", "before", "that", "which", "who"}


def _premodifies(text: str, m: Mention) -> str | None:
    """Whether a date stands before a noun ("a June 1 deadline"): "event" for an event noun, "other", or None."""
    if not _BEFORE_PREMOD.search(text[max(0, m.start - 12) : m.start]):
        return None
    after = _NOUN_AFTER.match(text, m.end)
    if after is None or after.group(1) in _NOT_HEAD:
        return None
    head = after.group(1)
    nouns = lexicon.nouns()
    return "event" if head in nouns or head.rstrip("s") in nouns else "other"


def _wrong_side(tense: str, w: When, published: dt.date | dt.datetime) -> bool:
    d = _day(published)
    if tense == "future":
        return w.end is not None and _day(w.end) < d
    return w.start is not None and _day(w.start) > d


_NOUN_BEFORE = re.compile(r"\b([a-z]+)\s+(?:(?:in|on|during|of)\s+)?$")
_DET_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her)\s+(?:[^\s,;]+\s+){0,5}$", re.I)


def _postmodified(text: str, m: Mention, span: Span) -> tuple[int, str] | None:
    """An event noun right before a date ("a US$ 1.6 billion loss last year"): (phrase start, noun)."""
    before = text[span.start : m.start]
    n = _NOUN_BEFORE.search(before)
    if n is None or n.group(1) not in lexicon.nouns():
        return None
    start = span.start + n.start(1)
    det = _DET_BEFORE.search(text[span.start : start])
    return (span.start + det.start() if det else start), n.group(1)


def _shareable(c: _Clause, i: int, o: _Clause, k: int, quotes: list[tuple[int, int]],
               published: dt.date | dt.datetime | None) -> bool:
    """Whether clause ``c`` may take the date of clause ``o`` of the same sentence."""
    if o.how == "mention" and o.at is not None:
        if any(a <= o.at < b for a, b in quotes):
            return False  # "... not to ``perpetuate the decisions of the past''": the quotation's date
        if o.when.value.endswith("_REF"):
            return False  # "the past", "now": too vague to date another clause
    if c.kind == "statement" and k > i:
        return False  # "X said | that Y ... in 2009": the content's date is not the saying's
    if c.kind == "statement" and o.when.precision is not None and o.when.precision.rank < Precision.DAY.rank:
        return False  # "it posted a profit in the third quarter, | and predicted ...": a period is no report's date
    if c.tense in {"past", "perfect"} and published is not None and o.when.start is not None \
            and _day(o.when.start) > _day(published):
        return False  # "The bill was rejected | ... by next year": a past happening is not in the future
    return True


def _happening(c: _Clause, clauses: list[_Clause], kept: list[_Clause], history: list[_Clause],
               published: dt.date | dt.datetime | None) -> bool:
    """Whether a clause reports a dated happening (dating it by the fallbacks if need be)."""
    if c.trigger is None or len(WORD.findall(c.span.text)) < (2 if c.kind == "statement" else 3):
        return False
    if _IF.match(c.span.text) and c.how not in {"mention", "vague"}:
        return False  # "If the rate is cut, banks can lend more": a condition, not a happening
    if c.when is None:
        _fallback(c, history, published)
    if c.when is None:
        return False
    if c.tense in {"noun", "nonfinite", "base", "modal", "future"} and c.how not in {"mention", "vague"}:
        if not (c.tense == "noun" and c.how == "discourse") and not _participial(c, clauses, kept):
            return False  # plans, participles and noun phrases are events only with a date of their own
    if _RELATIVE.match(c.span.text) and c.how not in {"mention", "vague", "discourse"}:
        return False  # "who are co-hosting the meeting": background to the clause before
    if kept and kept[-1].kind == "statement" and clauses.index(c) == clauses.index(kept[-1]) + 1 \
            and re.match(r"that\b", c.span.text) and c.how not in {"mention", "vague"} \
            and not (c.tense == "present" and c.how == "publication"):  # "... that it intends to": now
        return False  # "X said | that Y ...": without a date of its own, Y is what X said
    return True


def _participial(c: _Clause, clauses: list[_Clause], kept: list[_Clause]) -> bool:
    """ "The GAO called for a re-run on June 18, | citing major flaws": a participial clause right after
    a kept past happening shares its time."""
    i = clauses.index(c)
    if i == 0 or c.how != "sentence" or not c.trigger or not c.span.text.startswith(c.trigger):
        return False
    prev = clauses[i - 1]
    return c.trigger.lower().endswith("ing") and prev in kept and prev.tense in {"past", "perfect"} and prev.when == c.when


@cache
def _states() -> dict:
    return lexicon.load("states")


def _state_verb(span: Span) -> tuple[int, str] | None:
    """The first finite present verb of a clause outside its asides: (absolute offset, word)."""
    forms, data = lexicon.state_verbs(), _states()
    not_after, plural = set(data["not_after"]), set(data["plural_subjects"])
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(span.text)]
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(span.text)]
    for i, (a, _, w) in enumerate(words):
        low = w.lower()
        form = forms.get(low)
        if form is None or (i > 0 and w[0].isupper()) or any(x <= a < y for x, y in asides):
            continue
        k = i - 1
        while k > 0 and _SKIPPABLE.match(words[k][2]) and words[k][2].lower() != "not":
            k -= 1  # "Aer Lingus also have", "is currently"
        before = words[k][2] if i > 0 else ""
        if before.lower() in not_after or re.search(r"['’]s$", before):
            continue  # "the plans", "to have", "can fly", "the company's plans": no finite verb
        nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if form == "s" and low not in data["finite"] and nxt == "of":
            continue  # "sales of ...": a noun
        if form == "base" and not (
            before.lower() in plural
            or (before.endswith("s") and not before.endswith(("ss", "us", "is")) and before[:1].isalpha())
        ):
            continue  # a bare base form is a present only after a plural subject ("profits equate")
        return span.start + a, w
    return None


# A clause whose present tense is conditional or temporal, not a fact as of publication.
_CONDITIONAL = re.compile(r"^(?:if|unless|whether|when|whenever|once|until|as long as|as soon as|before|after)\b", re.I)


def _reported(prev: _Clause, c: _Clause) -> bool:
    """Whether ``c`` is the content of the report in the clause before it ("X said | that Y")."""
    if prev.kind != "statement" or prev.trigger is None:
        return False
    after = prev.span.text[prev.span.text.rfind(prev.trigger) + len(prev.trigger):]
    return bool(re.match(r"that\b", c.span.text)) or len(WORD.findall(after)) <= 3


def _as_state(c: _Clause, i: int, clauses: list[_Clause], quotes: list[tuple[int, int]],
              published: dt.date | dt.datetime | None, text: str) -> bool:
    """A present-tense statement in the article's own voice is a state as of publication.

    "Ford is the world's third-largest automaker", "The purchase includes ...": dated at the
    publication date with low confidence. Not inside quotations, not the content of a report, not
    conditional; generic abilities ("can fly") have no finite present verb and stay out.
    """
    if published is None or c.state is None or len(WORD.findall(c.span.text)) < 3:
        return False
    if _is_quote(c.span) or any(a <= c.state[0] < b for a, b in quotes) or _CONDITIONAL.match(c.span.text):
        return False
    if i > 0 and _reported(clauses[i - 1], c):
        return False
    before = c.span.text[: c.state[0] - c.span.start]
    if _NOT_NOW_BEFORE.search(before) or _past_verb(before):
        return False  # "The message was framed as ... whose support is seen", "could lend momentum to a process that has"
    c.when, c.how, c.date_text = publication_when(published), "state", None
    c.trigger, c.kind, c.tense = c.state[1], "state", "present"
    if i > 0 and _RELATIVE.match(c.span.text) and c.core is None:
        # "..., which cites a U.S. diplomatic cable": the title names what the relative clause is about
        prev = clauses[i - 1].span
        ante = _ANTECEDENT.search(prev.text)
        if ante is not None:
            a = prev.start + ante.start(1)
            c.core = Span(a, c.span.end, text[a : c.span.end])
    return True


_AUX_OR_DET = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "to"} | _DETERMINERS


def _past_verb(text: str) -> bool:
    """Whether a stretch of clause has a simple past verb ("Stocks fell as investors worried that ...")."""
    vocab = lexicon.verbs()
    words = [(m.start(), m.group()) for m in WORD.finditer(text)]
    for i, (at, w) in enumerate(words):
        low = w.lower()
        past = (low in vocab and vocab[low].form == "past") or (len(low) > 4 and low.endswith("ed"))
        if not past or i == 0 or w[0].isupper():
            continue
        if words[i - 1][1].lower() in _AUX_OR_DET or text[:at].rstrip().endswith(","):
            continue  # "has been", "the planned ...", ", called ...": no simple past
        if i + 1 < len(words) and words[i + 1][1].lower() in _PARTICIPLE_NEXT | {"among", "between", "about"}:
            continue  # "Emails exchanged among officials have been ...": a participle
        return True
    return False


# A finite past or modal verb before a present one: the clause is not a present statement.
_NOT_NOW_BEFORE = re.compile(r"\b(?:was|were|had|did|would|could|should|might|may|can|must|will|shall)\b", re.I)
# The antecedent of a relative clause: the name or the last words at the end of the clause before it.
_ANTECEDENT = re.compile(r"((?:[A-Z][\w.&'’-]*\s+(?:(?:of|and|de|al)\s+)?)*[A-Z][\w.&'’-]*|(?:\S+\s+){0,2}\S+)\W*$")



# Phrases inside a clause whose date is their own: an infinitive ("options ... to exercise by 2018",
# "scheduled to be in time for the 2008 Games") or a reduced relative ("plans announced in January").
_NOT_NOUNS = _DETERMINERS | {"be", "been", "being", "is", "are", "was", "were", "will", "would", "has", "have", "had",
                             "to", "not", "also", "only", "just", "and", "or", "but"}
_INFINITIVE = re.compile(r"\bto\s+(?:be\s+(?=[a-z]+(?:ed|en)\b))?([a-z]+)\b")
_PARTICIPLE_PHRASE = re.compile(r"\b([a-z][a-z'’-]*)\s+([a-z]+)\s+(?=(?:in|on|at|during|by|last|this|earlier)\b)")


def _embedded(c: _Clause, mentions: list[Mention], text: str, published: dt.date | dt.datetime | None) -> None:
    """A present-tense clause whose only date sits in an embedded phrase: the clause is now, the phrase is dated.

    "Aer Lingus also have options of six more A350s to exercise by 2018": the options are held as of
    publication; the exercising is in 2018. The phrase becomes an event of its own (``c.embedded``).
    """
    if published is None or not c.trigger:
        return
    if c.tense in _NOW_TENSES:
        verb = c.span.start + max(0, c.span.text.find(c.trigger))
    elif c.state is not None and c.tense in {"noun", "nonfinite", "base"}:
        verb = c.state[0]
    else:
        return
    vocab, states = lexicon.verbs(), lexicon.state_verbs()
    dated = [m for m in mentions if verb < m.start and m.end <= c.span.end and not m.when.value.endswith("_REF")
             and m.when.type != TimexType.DURATION]
    for m in dated:
        gap = text[verb:m.start]
        if "," in gap or m.start - verb > 160:
            continue  # "..., a deal that will be finalized by June 10": an appositive, not the clause's phrase
        heads = []
        for h in _INFINITIVE.finditer(gap):
            w = h.group(1)
            if (w in vocab and vocab[w].form == "base") or states.get(w) == "base" or w == "be":
                heads.append((verb + h.start(), verb + h.start(1), w))
        for h in _PARTICIPLE_PHRASE.finditer(gap):
            noun, part = h.group(1), h.group(2)
            vf = vocab.get(part)
            if vf is not None and vf.form == "past" and _REDUCED_RELATIVE.match(noun) and noun not in _NOT_NOUNS:
                heads.append((verb + h.start(), verb + h.start(2), part))
        if not heads:
            continue
        start, at, head = max(heads)
        end = m.end
        nxt = re.match(r"\s+([A-Za-z][\w-]*)", text[m.end : c.span.end])
        if _BEFORE_PREMOD.search(text[max(0, m.start - 12) : m.start]) and nxt and nxt.group(1).lower() not in _NOT_HEAD:
            # a date before a noun: "to be in time for the 2008 Beijing Olympic Games"
            end = c.span.end - len(c.span.text) + len(c.span.text.rstrip(".!?"))
        sub = Span(start, end, text[start:end])
        core = Span(c.span.start, end, text[c.span.start:end])
        c.embedded = (sub, core, m, head)
        if c.how == "mention" and c.date_text == m.text:
            c.date_text = None
            if c.tense in _NOW_TENSES:
                c.when, c.how = publication_when(published), "publication"
            else:
                c.when, c.how, c.trigger, c.kind, c.tense = publication_when(published), "state", c.state[1], "state", "present"
        if c.how in {"publication", "state"}:
            c.core = Span(c.span.start, at, text[c.span.start:at])  # the title says what holds now
        return


_FUTURE_BE = re.compile(r"\b(?:will|would|shall)\s+(?:not\s+|still\s+|also\s+)?be\b", re.I)


def _as_forecast(c: _Clause, quotes: list[tuple[int, int]], published: dt.date | dt.datetime | None) -> bool:
    """A future state with a date of its own ("it would be solidly profitable by 2011") is a forecast event."""
    if published is None or c.how != "mention" or c.when is None or c.when.start is None or c.at is None:
        return False
    if _day(c.when.start) <= _day(published) or len(WORD.findall(c.span.text)) < 3:
        return False
    be = _FUTURE_BE.search(c.span.text)
    if be is None or any(a <= c.span.start + be.start() < b for a, b in quotes) or c.span.start + be.start() > c.at:
        return False
    c.trigger, c.kind, c.tense, c.how = "be", "state", "future", "forecast"
    return True


_DOC_QUOTES = re.compile(r"``.*?(?:''|$)|“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.S)


def _present_asides(c: _Clause, quotes: list[tuple[int, int]]) -> list[Span]:
    """Relative asides with a present verb in a clause of another tense: states of their own."""
    out = []
    for m in _ASIDE.finditer(c.span.text):
        inner = m.group().strip(", ")
        if not re.match(r"(?:which|who|whose)\b", inner):
            continue
        a = c.span.start + m.start() + m.group().index(inner)
        span = Span(a, a + len(inner), inner)
        verb = _state_verb(span)
        if verb is not None and len(WORD.findall(inner)) >= 3 and not any(x <= verb[0] < y for x, y in quotes):
            out.append(span)
    if c.tense == "past" and c.how is not None:
        # "Sunday was chosen as its date matches the designation number": a present reason or
        # circumstance inside a past clause holds as of publication
        for m in _SUBORDINATE_PRESENT.finditer(c.span.text):
            a = c.span.start + m.start()
            end = c.span.text.find(",", m.start())
            b = c.span.start + (end if end > 0 else len(c.span.text.rstrip(".!?")))
            span = Span(a, b, c.span.text[a - c.span.start : b - c.span.start])
            verb = _state_verb(span)
            if verb is None or any(x <= verb[0] < y for x, y in quotes):
                continue
            between = c.span.text[m.end() : verb[0] - c.span.start]
            if len(between.split()) <= 3 and not re.search(r"\b(?:was|were|had|\w+ed)\b", between) \
                    and len(WORD.findall(span.text)) >= 4:
                out.append(span)
    return out


_SUBORDINATE_PRESENT = re.compile(r"\b(?:as|because|since|while|although|though|whereas)\s+(?=(?:the|its|his|her|their|it|they|this|these)\b)", re.I)


def _doc_quotes(text: str) -> list[tuple[int, int]]:
    """The quotations of a whole text; a ``...'' or “...” quotation may run over paragraphs."""
    return [(m.start(), m.end()) for m in _DOC_QUOTES.finditer(text)]


_RELATIVE = re.compile(r"^(?:which|who|whom|whose|where)\b", re.I)
# "cars of the 70s (and 80s)": what comes before a date that describes a noun
_OF_DATE = re.compile(r"\bof\s+$|\bof\s+(?:the\s+)?[\w'’-]+\s+(?:and|or|to)\s+$")
_IF = re.compile(r"^(?:if|unless|whether)\b", re.I)
# "For the final quarter of 2009, Ford says": a period adverbial belongs to the reported happening.
_PERIOD_PREP = re.compile(r"(?:^|\b)(?:for|in|during|over|throughout)\s*(?:the\s+)?$", re.I)

# Present-tense and present-perfect clauses are about the time of writing...
_NOW_TENSES = {"present", "perfect"}
# ...except a present tense after a temporal subordinator, which is a future ("when it arrives on ...").
_SUBORDINATE = re.compile(r"^(?:when|after|before|until|once|as soon as|by the time)\b", re.I)


def _covers(when: When, published: dt.date | dt.datetime) -> bool:
    d = _day(published)
    return (when.start is None or _day(when.start) <= d) and (when.end is None or d <= _day(when.end))


# Classes of happenings a definite noun can refer back to; "the loss" or "the sales" are too generic.
_REFERABLE = {"meeting", "conference", "attack", "statement", "decision"}


def _verb_inside(phrase: str) -> bool:
    """Whether a reference candidate spans a verb ("the car company posted a loss" is no reference)."""
    vocab = lexicon.verbs()
    return any(w.lower() in vocab and vocab[w.lower()].form != "base" for w in WORD.findall(phrase)[1:-1])


# The complement of an event noun: "conference on the possible creation of a Palestinian state".
_PREMOD_TAIL = re.compile(r"(?:\s+(?:on|of|about|in|at|for|by|from)\s+[^,;:.—–\"“]+?(?=\s+that\b|[,;:.—–\"“]|$))?")
_NP_TAIL = re.compile(r"(?:\s+(?:on|of|about|in|at|for)\s+[^,;:.—–\"“]+)?")


def _with_complement(text: str, c: _Clause, clauses: list[_Clause], kept: list[_Clause]) -> Span:
    """A report cut off from its reported content ("X stated | that ...") takes it back, unless
    the content is an event of its own."""
    i = clauses.index(c)
    if c.kind != "statement" or i + 1 >= len(clauses):
        return c.span
    nxt = clauses[i + 1]
    if any(k.span.start < nxt.span.end and nxt.span.start < k.span.end for k in kept if k is not c):
        return c.span  # its content is already quoted by another event
    if nxt in kept or text[c.span.end : nxt.span.start].strip() not in {"", ":"}:
        return c.span
    return Span(c.span.start, nxt.span.end, text[c.span.start : nxt.span.end])


_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)|``.*?(?:''|$)", re.S)


def _is_quote(span: Span) -> bool:
    return span.text.startswith(('"', "“", "``"))


def _quoted(span: Span) -> list[tuple[int, int]]:
    """Absolute spans of the quotations in a clause."""
    return [(span.start + m.start(), span.start + m.end()) for m in _QUOTED.finditer(span.text)]


def _referent(history: list[_Clause], c: _Clause) -> _Clause | None:
    """The earlier dated happening a clause continues, if it names one or uses a discourse cue."""
    if c.reference is not None:
        for prior in reversed(history):
            if c.reference in prior.classes and prior.how in {"mention", "vague", "discourse"}:
                return prior
        return None
    if c.cue is not None:
        daily = "day" in c.cue.lower()  # "later in the day" continues a happening dated to a day
        for prior in reversed(history):
            if prior.how in {"mention", "vague", "discourse", "sentence"}:
                if daily and prior.when.precision is not None and prior.when.precision.rank < Precision.DAY.rank:
                    continue
                return prior
        return None
    return None


def _fallback(c: _Clause, history: list[_Clause], published: dt.date | dt.datetime | None) -> None:
    """Publication date for present reports, narrative time for past ones."""
    if c.tense in {"present", "perfect"} and published is not None:
        c.when, c.how = publication_when(published), "publication"
        return
    if c.tense == "past":
        for prior in reversed(history):
            if prior.paragraph != c.paragraph and (c.kind == "statement" or prior.paragraph != c.paragraph - 1):
                break  # a report keeps to its paragraph; a happening may continue the paragraph before
            if prior.paragraph != c.paragraph and prior.tense not in {"past", "perfect", "noun"}:
                continue  # the narrative is carried by past happenings, not by present reports or plans
            if prior.how in {"mention", "vague", "discourse", "sentence"} and prior.when is not None:
                if c.kind == "statement" and prior.when.precision is not None \
                        and prior.when.precision.rank < Precision.DAY.rank:
                    break  # a report is dated by a day, not by the period of what it reports
                c.when, c.how, c.date_text = _to_day(prior.when), "narrative", prior.date_text
                return
        if c.kind == "statement" and published is not None:
            c.when, c.how = publication_when(published), "publication"


def _to_day(w: When) -> When:
    """A time of day coarsened to its day: what follows "landed at 6:40 p.m." happened that day, not then."""
    if w.precision is None or w.precision.rank <= Precision.DAY.rank or w.start is None:
        return w
    d = _day(w.start)
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=w.anchor)


def discourse_cues(text: str) -> list[tuple[int, int]]:
    """Spans of discourse cues such as "earlier in the day" (a title drops them like dates)."""
    return [(m.start(), m.end()) for m in _patterns()["cue"].finditer(text)]


__all__ = ["Detected", "detect", "discourse_cues", "publication_when"]
