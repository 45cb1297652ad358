"""A synthetic news corpus for benchmarks: N articles of about --words words, as JSON lines.

    python bench/synthetic.py 5000 -o /tmp/synthetic-5000.jsonl [--seed 1] [--words 900]

Written from this file's own sentence patterns (no corpus text), deterministically from the seed.
Stories of eight kinds (sports, markets, courts, elections, disasters, science, business, culture)
each have a run of happenings on known days; several outlets cover each story over several days, so
the same happening is reported by many articles in different words and with different date
expressions: relative to the publication date ("on Tuesday", "yesterday", "last week", "two days
ago"), absolute ("on March 3", "on 3 March 2025"), coarse ("earlier this month", "in 2019") and
forward ("next Monday", "later this month"). Background and state sentences fill the articles to
length. Each record has id, title, source, url, published and text (the fields `timeline build`
reads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

OUTLETS = ["Northern Ledger", "Daily Courier", "Harbour Times", "Metro Wire", "Valley Post", "Capital Dispatch",
           "Evening Standard-Gazette", "Coastal Herald", "Public Radio News", "The Observer Weekly"]

# kind -> (actors, places, happenings, background, states): happenings are (verb phrase, noun phrase)
# pairs written with {actor}/{place}/{n}; each is worded several ways by _report.
KINDS: dict[str, dict[str, list]] = {
    "sports": {
        "actors": ["Riverside United", "the Harbour Hawks", "coach Maria Lindqvist", "captain Tomás Ferreira",
                   "the league", "striker Jonah Mbeki"],
        "places": ["Eastfield Stadium", "the national arena", "Lakeside Park"],
        "happenings": [("beat {actor} {n}-1 in the semi-final", "the semi-final win"),
                       ("signed a three-year contract extension", "the contract extension"),
                       ("was suspended for {n} matches after a red card", "the suspension"),
                       ("won the championship final at {place}", "the championship final"),
                       ("announced the appointment of a new manager", "the appointment of the new manager"),
                       ("opened the season with a draw at {place}", "the season opener")],
        "background": ["{actor} last won the title in {year}.", "The club was founded in {old}.",
                       "{actor} finished fourth in the {year} season."],
        "states": ["The club has {n},000 season ticket holders.", "{place} holds about {n}5,000 spectators.",
                   "The squad is among the youngest in the league.", "Ticket prices have risen in recent years."],
    },
    "markets": {
        "actors": ["the central bank", "Governor Elena Marsh", "the Treasury", "bond traders", "the stock exchange",
                   "analysts at Fairmont Capital"],
        "places": ["the capital", "the financial district"],
        "happenings": [("raised its benchmark rate by a quarter point", "the rate rise"),
                       ("cut its growth forecast to {n}.5 percent", "the forecast cut"),
                       ("closed {n} percent lower after the inflation report", "the market fall"),
                       ("announced a bond buying programme worth {n} billion", "the bond programme"),
                       ("published minutes showing a split vote", "the minutes"),
                       ("held an emergency meeting with lenders", "the emergency meeting")],
        "background": ["Inflation peaked at {n}.2 percent in {year}.", "The last rate cut came in {year}.",
                       "The currency fell sharply in {old}."],
        "states": ["Inflation is running at {n}.1 percent.", "The index is up {n} percent this year.",
                   "Mortgage costs remain high.", "Many economists expect a slowdown."],
    },
    "courts": {
        "actors": ["the Supreme Court", "Judge Amara Okafor", "the prosecution", "the defence team",
                   "former mayor Peter Hall", "the appeals court"],
        "places": ["the district court", "the courthouse in Westbridge"],
        "happenings": [("ruled that the law was unconstitutional", "the ruling"),
                       ("sentenced {actor} to {n} years in prison", "the sentencing"),
                       ("opened the trial at {place}", "the opening of the trial"),
                       ("rejected the appeal", "the rejected appeal"),
                       ("heard closing arguments", "the closing arguments"),
                       ("ordered a retrial", "the retrial order")],
        "background": ["The case was first filed in {year}.", "{actor} was arrested in {old}.",
                       "A similar case was decided in {year}."],
        "states": ["The court has nine members.", "The law applies to {n} million residents.",
                   "Legal experts are divided on the case.", "The verdict can be appealed."],
    },
    "elections": {
        "actors": ["the Green Alliance", "Prime Minister Jonas Berg", "opposition leader Sara Quint",
                   "the electoral commission", "the Liberal Party", "voters in the north"],
        "places": ["the parliament", "the northern provinces"],
        "happenings": [("called a snap election", "the snap election call"),
                       ("held a televised debate", "the televised debate"),
                       ("won {n} seats in the regional vote", "the regional vote"),
                       ("formed a coalition government", "the coalition deal"),
                       ("published its manifesto", "the manifesto launch"),
                       ("announced a recount in {n} districts", "the recount")],
        "background": ["The party last governed in {year}.", "Turnout was {n}8 percent in {year}.",
                       "The constitution was amended in {old}."],
        "states": ["Polls show a close race.", "The parliament has {n}50 seats.",
                   "Turnout is expected to be high.", "The party is the second largest in parliament."],
    },
    "disasters": {
        "actors": ["emergency services", "the fire brigade", "the weather service", "Mayor Lucia Ortega",
                   "rescue teams", "the Red Cross"],
        "places": ["the river valley", "the coastal town of Merrow", "the eastern suburbs"],
        "happenings": [("evacuated {n},000 residents from {place}", "the evacuation"),
                       ("reported {n} deaths after the floods", "the flood deaths"),
                       ("issued a storm warning for {place}", "the storm warning"),
                       ("declared a state of emergency", "the state of emergency"),
                       ("reopened the main bridge", "the reopening of the bridge"),
                       ("launched an inquiry into the response", "the inquiry")],
        "background": ["The last major flood hit in {year}.", "The dam was built in {old}.",
                       "A storm destroyed {n}00 homes in {year}."],
        "states": ["Water levels remain high.", "The region is home to {n}00,000 people.",
                   "Insurers face large claims.", "Many roads are still closed."],
    },
    "science": {
        "actors": ["the space agency", "researchers at Norland University", "Dr. Priya Raman",
                   "the observatory", "the health ministry", "the research council"],
        "places": ["the northern launch site", "the laboratory in Kelby"],
        "happenings": [("launched a weather satellite from {place}", "the satellite launch"),
                       ("published results of a {n}-year study", "the study"),
                       ("approved a new vaccine for children", "the vaccine approval"),
                       ("detected a signal from a distant galaxy", "the detection"),
                       ("announced funding of {n} million for research", "the funding announcement"),
                       ("postponed the rocket test", "the postponed test")],
        "background": ["The project began in {year}.", "The telescope was built in {old}.",
                       "A first trial ran in {year}."],
        "states": ["The satellite weighs {n} tonnes.", "The team includes {n}0 scientists.",
                   "The results are preliminary.", "The agency has a budget of {n} billion."],
    },
    "business": {
        "actors": ["Acorn Motors", "chief executive Dana Whitfield", "the workers' union", "Bellweather Foods",
                   "regulators", "shareholders"],
        "places": ["the plant in Granton", "the head office"],
        "happenings": [("agreed to buy {actor} for {n} billion", "the takeover"),
                       ("announced {n}00 job cuts at {place}", "the job cuts"),
                       ("reported a quarterly loss of {n}0 million", "the quarterly loss"),
                       ("began a strike over pay", "the strike"),
                       ("recalled {n}0,000 vehicles", "the recall"),
                       ("opened a new factory at {place}", "the factory opening")],
        "background": ["The company was founded in {old}.", "It last cut jobs in {year}.",
                       "Profits doubled in {year}."],
        "states": ["The company employs {n},000 people.", "Its shares are listed in two markets.",
                   "Demand for its products is weak.", "The group is the third largest in the sector."],
    },
    "culture": {
        "actors": ["the national museum", "director Ines Kowalski", "the film festival", "author Ben Adeyemi",
                   "the city orchestra", "the arts council"],
        "places": ["the old opera house", "the festival hall"],
        "happenings": [("opened a retrospective at {place}", "the retrospective"),
                       ("won the top prize at the festival", "the festival prize"),
                       ("cancelled the summer tour", "the cancelled tour"),
                       ("returned a stolen painting", "the return of the painting"),
                       ("premiered a new opera at {place}", "the premiere"),
                       ("announced the shortlist for the book award", "the shortlist")],
        "background": ["The museum opened in {old}.", "The festival was first held in {year}.",
                       "The painting was stolen in {year}."],
        "states": ["The collection holds {n}0,000 works.", "Tickets are sold out.",
                   "The hall seats {n},200 people.", "The festival draws visitors from abroad."],
    },
}
LINKS = ["Meanwhile,", "Separately,", "Earlier,", "In a statement,", "According to officials,", "Elsewhere,"]
# sentences any story can use, for length
GENERAL = ["Officials said the figures would be reviewed in {month}.", "The report runs to {n}0 pages.",
           "Critics said the decision came too late.", "Supporters welcomed the move.",
           "A spokesperson declined to comment further.", "The details were not made public.",
           "Local media carried the story on their front pages.", "Several questions remain open.",
           "The figures are due to be updated every {n} weeks.", "Reactions online were mixed.",
           "It is not clear how long the process will take.", "Observers expect further changes before {year2}.",
           "The matter will be discussed again at the next meeting.", "No one was available for comment on {weekday}.",
           "A full statement is expected within {n} days.", "The move affects about {n}0,000 people."]
SAYS = ["said", "told reporters", "said in a statement", "wrote on social media", "told a news conference"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Happening:
    day: dt.date
    actor: str
    verb: str  # past-tense verb phrase
    noun: str  # noun phrase for later references
    kind: str


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def _fill(rng: random.Random, pattern: str, actors: list[str], places: list[str], year: int) -> str:
    return (pattern.format(actor=rng.choice(actors), place=rng.choice(places), n=rng.randrange(2, 9),
                               year=year - rng.randrange(1, 9), old=year - rng.randrange(20, 120),
                               year2=year + rng.randrange(1, 4), month=dt.date(2000, rng.randrange(1, 13), 1).strftime("%B"),
                               weekday=rng.choice(WEEKDAYS)))


def _month_day(d: dt.date, rng: random.Random, with_year: bool) -> str:
    if rng.random() < 0.5:
        return f"{d:%B} {d.day}, {d.year}" if with_year else f"{d:%B} {d.day}"
    return f"{d.day} {d:%B} {d.year}" if with_year else f"{d.day} {d:%B}"


def _when(rng: random.Random, day: dt.date, published: dt.date) -> str:
    """A date expression for ``day`` as an article published on ``published`` might write it."""
    gap = (published - day).days
    options = [f"on {_month_day(day, rng, day.year != published.year or rng.random() < 0.3)}"]
    if gap == 0:
        options += ["today", "earlier today", "on " + WEEKDAYS[day.weekday()]]
    elif gap == 1:
        options += ["yesterday", f"on {WEEKDAYS[day.weekday()]}", "late yesterday"]
    elif 1 < gap < 7:
        options += [f"on {WEEKDAYS[day.weekday()]}", f"{['two', 'three', 'four', 'five', 'six'][gap - 2]} days ago",
                    "earlier this week" if day.isocalendar()[1] == published.isocalendar()[1] else "last week"]
    elif 7 <= gap < 14:
        options += ["last week", f"on {WEEKDAYS[day.weekday()]} last week"]
    elif gap >= 14 and day.month == published.month:
        options += ["earlier this month"]
    elif gap >= 14:
        options += [f"in {day:%B}", "last month" if (published.month - day.month) % 12 == 1 else f"in {day:%B %Y}"]
    elif gap < 0:
        ahead = -gap
        options = [f"on {_month_day(day, rng, False)}"]
        options += ["tomorrow"] if ahead == 1 else []
        options += [f"next {WEEKDAYS[day.weekday()]}"] if 1 < ahead < 8 else []
        options += ["later this month"] if day.month == published.month and ahead > 7 else []
        options += ["next month"] if (day.month - published.month) % 12 == 1 else []
    return rng.choice(options)


def _report(rng: random.Random, h: Happening, published: dt.date, lead: bool) -> str:
    """One sentence reporting ``h``, worded one of several ways."""
    when = _when(rng, h.day, published)
    forms = [f"{h.actor} {h.verb} {when}.", f"{when}, {h.actor} {h.verb}."]
    if not lead:
        forms += [f"the news follows {h.noun} {when}.", f"{h.noun} {when} drew wide attention."]
    return rng.choice(forms)  # not capitalised: the caller may put a link word in front


def _quote(rng: random.Random, kind: dict, h: Happening, published: dt.date) -> str:
    who = rng.choice(kind["actors"])
    line = rng.choice(["This is a turning point for all of us", "We did not expect this outcome",
                       "We will keep working until the job is done", "People deserve clear answers",
                       "It was the right decision at the right time"])
    said = rng.choice(SAYS)
    when = _when(rng, published - dt.timedelta(days=rng.randrange(0, 2)), published)
    return f"\u201c{line},\u201d {who} {said} {when}." if rng.random() < 0.5 else f"\u201c{line},\u201d {who} {said}."


def _story(rng: random.Random, kind_name: str, start: dt.date) -> list[Happening]:
    kind = KINDS[kind_name]
    days = sorted(rng.sample(range(0, 40), 6))
    out = []
    for d, (verb, noun) in zip(days, rng.sample(kind["happenings"], 6), strict=True):
        actor = rng.choice(kind["actors"])
        out.append(Happening(start + dt.timedelta(days=d), actor, _fill(rng, verb, kind["actors"], kind["places"], start.year),
                             noun, kind_name))
    return out


def _article(rng: random.Random, n: int, story: list[Happening], outlet: str, words: int) -> dict:
    """An article published on or a day after one of the story's happenings, about it and what came before."""
    kind = KINDS[story[0].kind]
    focus = rng.randrange(len(story))
    published = story[focus].day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
    year = published.year
    past = [h for h in story[:focus] if h.day < published]
    future = [h for h in story[focus + 1 :] if h.day > published]
    head = story[focus]
    paragraphs = [[_cap(_report(rng, head, published, lead=True)), _quote(rng, kind, head, published)]]
    for h in rng.sample(past, min(len(past), 3)):
        paragraphs.append([f"{rng.choice(LINKS)} {_report(rng, h, published, lead=False)}"])
    if future and rng.random() < 0.7:
        h = future[0]
        paragraphs.append([_cap(f"{h.actor} is expected to act again {_when(rng, h.day, published)}.")])
    count = sum(len(s.split()) for p in paragraphs for s in p)
    fillers = kind["background"] + kind["states"] + GENERAL
    used: set[str] = set()
    while count < words:
        paragraph = []
        for _ in range(rng.randrange(2, 5)):
            sentence = _cap(_fill(rng, rng.choice(fillers), kind["actors"], kind["places"], year))
            if sentence in used:
                continue
            used.add(sentence)
            paragraph.append(sentence)
            if rng.random() < 0.2:
                paragraph.append(_quote(rng, kind, head, published))
            if rng.random() < 0.15 and past:
                paragraph.append(_cap(_report(rng, rng.choice(past), published, lead=False)))
        if paragraph:
            paragraphs.append(paragraph)
            count += sum(len(s.split()) for s in paragraph)
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    title = _cap(f"{head.actor} {head.verb}")[:100]
    slug = outlet.lower().replace(" ", "-").replace("'", "")
    return {"id": f"syn-{n:06d}", "title": title, "source": outlet, "url": f"https://{slug}.example/{n}",
            "published": published.isoformat(), "text": text}


def corpus(count: int, seed: int = 1, words: int = 900) -> Iterator[dict]:
    """``count`` article records, deterministic for a seed; about 40 articles per story."""
    rng = random.Random(seed)
    stories = []
    for i in range(max(1, count // 40)):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
        stories.append(_story(rng, list(KINDS)[i % len(KINDS)], start))
    for n in range(count):
        story = stories[n % len(stories)]
        yield _article(rng, n, story, rng.choice(OUTLETS), words)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("count", type=int, help="number of articles")
    p.add_argument("-o", "--output", type=Path, help="JSON lines file to write (default: standard output)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--words", type=int, default=900, help="about this many words per article (default 900)")
    args = p.parse_args(argv)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for record in corpus(args.count, args.seed, args.words):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
