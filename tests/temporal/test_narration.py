"""The reference time of each expression, decided from evidence in the text (issue 9).

Multi-paragraph news of several kinds, in both directions: a background year (a noun phrase, "since",
a relative or participle clause, a future year) must not date a later bare month or day; a year the
story narrates must. Future tense, "until", "next", the scheduled present resolve forward; sets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag_text


def value_of(text: str, phrase: str, dct: dt.date, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    got = [m for m in tag_text(text, dct) if m.start == start and m.end == start + len(phrase)]
    assert got, f"{phrase!r} not found: {[(m.text, m.when.value) for m in tag_text(text, dct)]}"
    return got[0].when.value


# (kind of news, text, phrase, DCT, expected value)
BACKGROUND_DOES_NOT_LEAK = [
    ("sports", ("Ana Silva won the 10,000 metres, the first gold for her country since the 1968 Olympics.\n\n"
               "In May, she broke the national record in Oslo."), "May", dt.date(2025, 6, 20), "2025-05"),
    ("markets", "Shares fell 4%, the worst day since 1987, as banks slid.\n\nIn March, the index had gained 2%.",
     "March", dt.date(2025, 6, 20), "2025-03"),
    ("elections", ("Pedro Ruiz, who was elected in 2016, conceded on Tuesday.\n\n"
                  "His party will hold a congress in October."), "October", dt.date(2025, 6, 20), "2025-10"),
    ("courts", "The judge, appointed in 2009, said the case was complex.\n\nA hearing was held in April.",
     "April", dt.date(2025, 6, 20), "2025-04"),
    ("business", "The bonds, due 2031, were sold to pension funds.\n\nIn February, the company cut its dividend.",
     "February", dt.date(2025, 6, 20), "2025-02"),
    ("science", ("The probe, launched in 2011, reached orbit. The team published the 2019 images again.\n\n"
                "In January, the camera failed."), "January", dt.date(2025, 6, 20), "2025-01"),
    ("disasters", "It was the strongest storm to hit the coast since 1927.\n\nOn September 3, the river burst its banks.",
     "September 3", dt.date(2025, 10, 2), "2025-09-03"),
    ("culture", "The museum reopened its 1930s wing.\n\nIn March, the collection moved to the new hall.",
     "March", dt.date(2025, 6, 20), "2025-03"),
    ("courts", "Two men charged in the Dec. 21, 2011, robbery were freed.\n\nThe state agreed in April to pay them.",
     "April", dt.date(2025, 6, 7), "2025-04"),  # a full date in a noun phrase, its year between commas
    ("crime", "Police are investigating a string of burglaries dating back to 2019.\n\nIn January, a shop was hit.",
     "January", dt.date(2025, 10, 25), "2025-01"),  # an -ing participle after a noun
]

NARRATED_YEAR_CARRIES = [
    ("history", "The company was founded in 2001 by two engineers.\n\nIn March, it hired its first employee.",
     "March", dt.date(2025, 6, 20), "2001-03"),
    ("courts", "The fraud began in 2014, prosecutors said. In June, the accused opened a second account.",
     "June", dt.date(2025, 6, 20), "2014-06"),
    ("disasters", "The earthquake struck in 2010. On January 14, rescuers pulled survivors from a school.",
     "January 14", dt.date(2025, 6, 20), "2010-01-14"),
    ("sports", "The club won its first title in 1998.\n\nIn May, it beat its rival 3-0 in the final.",
     "May", dt.date(2025, 6, 20), "1998-05"),
    ("war", "In 1941 the army crossed the border.\n\nIn June it reached the river, and on June 22 it attacked.",
     "June 22", dt.date(2009, 12, 19), "1941-06-22"),
]

PUBLICATION_DATE_RETURNS = [
    # a deictic expression brings the story back to the publication date: the old year no longer carries
    ("business", "The firm was founded in 2001.\n\nOn Tuesday, the chief executive said sales rose in March.",
     "March", dt.date(2025, 6, 20), "2025-03"),
    ("markets", "In 2008, the fund lost half its value. Last week it reported that inflows resumed in May.",
     "May", dt.date(2025, 6, 20), "2025-05"),
]

FORWARD = [
    ("courts", "The court postponed the hearing until Saturday.", "Saturday", dt.date(2025, 6, 11), "2025-06-14"),
    ("courts", "The tribunal will rule in June, lawyers said.", "June", dt.date(2025, 7, 2), "2026-06"),
    ("courts", "The hearing is on Monday, the clerk said.", "Monday", dt.date(2025, 6, 11), "2025-06-16"),
    ("culture", "The new gallery opens Monday with a show of prints.", "Monday", dt.date(2025, 6, 11), "2025-06-16"),
    ("elections", "Voters go to the polls next Sunday.", "next Sunday", dt.date(2025, 6, 11), "2025-06-15"),
    ("sports", "The final is scheduled for Friday in Rome.", "Friday", dt.date(2025, 6, 11), "2025-06-13"),
    ("business", "Talks, set to resume Monday in Brussels, stalled.", "Monday", dt.date(2025, 6, 11), "2025-06-16"),
    ("markets", "The dividend is payable Dec. 7 to holders of record.", "Dec. 7", dt.date(2025, 11, 2), "2025-12-07"),
    ("science", "The rocket is expected to launch in March.", "March", dt.date(2025, 11, 2), "2026-03"),
    ("business", "The airline told staff of a 10% cut in flights in September.", "September",
     dt.date(2025, 8, 16), "2025-09"),  # a past clause announcing next month
    ("courts", "The judge ordered the agency to return the files by Jan. 14.", "Jan. 14",
     dt.date(2026, 1, 15), "2026-01-14"),  # a day just before publication, not next year's
    ("elections", "The president has invited party leaders to talks on March 12.", "March 12",
     dt.date(2025, 2, 16), "2025-03-12"),  # an invitation is to a time ahead
    ("culture", "Fans were planning to march to the stadium on Monday.", "Monday", dt.date(2025, 6, 11), "2025-06-16"),
    ("disasters", "The ferry could dock as early as Tuesday.", "Tuesday", dt.date(2025, 6, 9), "2025-06-10"),
    # a plural subject's base form before a dated phrase is the scheduled present
    ("elections", "The polls close on Tuesday.", "Tuesday", dt.date(2025, 11, 5), "2025-11-11"),
    ("education", "Schools reopen on Monday, officials said.", "Monday", dt.date(2025, 11, 5), "2025-11-10"),
    ("culture", "The trade fair runs Oct. 12-14 in Frankfurt.", "Oct. 12", dt.date(2025, 6, 11), "2025-10-12"),
]

BACKWARD = [
    ("courts", "The jury convicted him on Tuesday.", "Tuesday", dt.date(2025, 6, 11), "2025-06-10"),
    ("markets", "The index has risen since March.", "March", dt.date(2025, 2, 11), "2024-03"),
    ("elections", "The ceasefire held until May, when fighting resumed.", "May", dt.date(2025, 6, 11), "2025-05"),
    ("disasters", "Floods hit the valley last Friday.", "last Friday", dt.date(2025, 6, 11), "2025-06-06"),
    ("sports", "She set the record in November, her coach said.", "November", dt.date(2025, 6, 11), "2024-11"),
    ("science", "The two earthquakes struck just minutes apart on Friday.", "Friday", dt.date(2025, 8, 9), "2025-08-08"),
    ("politics", "The mayor could not be reached for comment on Tuesday.", "Tuesday", dt.date(2025, 6, 12), "2025-06-10"),
    ("war", "Government forces on Monday attacked the town.", "Monday", dt.date(2025, 11, 5), "2025-11-03"),
    ("diplomacy", "Peace talks on Monday ended without a deal.", "Monday", dt.date(2025, 11, 5), "2025-11-03"),
    ("markets", "Exports have grown since September.", "September", dt.date(2025, 8, 16), "2024-09"),  # "since" is strict
    ("disasters", "The storm reached the coast on Dec. 20, officials said.", "Dec. 20", dt.date(2026, 1, 5),
     "2025-12-20"),
    # "the previous Friday", "the following Monday" count from the day last told, not from the DCT
    ("markets", "The index fell 3% on Friday, its worst day since March. It ended 4.5% below the previous Friday.",
     "the previous Friday", dt.date(2025, 6, 16), "2025-06-06"),
    ("history", "The army landed on 3 June 1940. The following Monday it reached the river.",
     "The following Monday", dt.date(2009, 1, 1), "1940-06-10"),
]

# A past clause may name a day in the coming month (news writes the year of any other year's date):
# it is this year's, not the same day a year before
PAST_CLAUSE_AHEAD = [
    ("elections", "The commission set Nov. 20 as the date of the runoff.", "Nov. 20", dt.date(2025, 11, 2),
     "2025-11-20"),
    ("sports", "The league announced that the draft lottery would move to May 12.", "May 12",
     dt.date(2025, 4, 20), "2025-05-12"),
    ("courts", "The clerk said sentencing was scheduled for Sept. 9 in the federal court.", "Sept. 9",
     dt.date(2025, 8, 25), "2025-09-09"),
]

SETS = [
    ("culture", "The choir rehearses every 2nd Tuesday.", "every 2nd Tuesday", dt.date(2025, 6, 11), "XXXX-WXX-2"),
    ("science", "Samples are taken every other Monday.", "every other Monday", dt.date(2025, 6, 11), "XXXX-WXX-1"),
    ("courts", "The court sits on the first Monday of every month.", "the first Monday of every month",
     dt.date(2025, 6, 11), "XXXX-WXX-1"),
    ("business", "Figures are published weekly.", "weekly", dt.date(2025, 6, 11), "P1W"),
]

CONVENTIONS = [  # TimeML 1.2.1 / TempEval-3, for every genre
    ("business", "The plant opened two years ago in Ohio.", "two years ago", dt.date(2025, 6, 11), "2023"),
    ("history", "Fighting lasted from 1939 to 1945 across Europe.", "1939", dt.date(2025, 6, 11), "1939"),
    ("history", "Fighting lasted from 1939 to 1945 across Europe.", "1945", dt.date(2025, 6, 11), "1945"),
    ("culture", "The feud lasted a decade.", "a decade", dt.date(2025, 6, 11), "P10Y"),
    ("science", "The licence runs until December 31, 9999.", "December 31, 9999", dt.date(2024, 5, 1), "9999-12-31"),
    # a year's length ending on a day is no calendar year: TimeML writes P1Y
    ("business", "The unit had revenue of $76 million for the year ended March 31.", "the year",
     dt.date(2025, 11, 2), "P1Y"),
    ("business", "In the fiscal year ending Jan. 31, the chain opened 40 stores.", "the fiscal year",
     dt.date(2025, 11, 2), "P1Y"),
    ("business", "For the year, the company expects a profit.", "the year", dt.date(2025, 11, 2), "2025"),
    ("sports", "The club's late-November slump cost the coach his job.", "late-November",
     dt.date(2026, 1, 28), "2025-11"),
    ("charity", "The charity raised $3 million in the year ended March 31.", "the year", dt.date(2025, 11, 2), "P1Y"),
]

# The verb group a date hangs on, read without a parser (issue 9, round 2): a verb after its own
# adverb, a count's noun, a subject joined by "and", a compound noun ending a prepositional phrase
VERB_GROUPS = [
    # an adverb goes with the verb before it: "better" is no present-tense verb here
    ("health", "The patient looked noticeably better on Monday, doctors said.", "Monday",
     dt.date(2025, 6, 11), "2025-06-09"),
    ("markets", "Bond yields moved sharply lower Friday as traders bet on a cut.", "Friday",
     dt.date(2025, 6, 16), "2025-06-13"),
    # the noun after a number is what is counted, not a verb ("fans", "volunteers")
    ("sports", "In Rome on Saturday, before a crowd of 40,000 fans, the team lost 2-1.", "Saturday",
     dt.date(2025, 6, 11), "2025-06-07"),
    ("charity", "At the shelter on Sunday, with 3,000 volunteers, the charity served meals.", "Sunday",
     dt.date(2025, 6, 11), "2025-06-08"),
    ("sports", "Coach Ana Ruiz and her assistant meet Monday with the owners. The season opens in August.",
     "Monday", dt.date(2025, 6, 13), "2025-06-16"),
    ("business", ("He succeeds Jane Roe, who stepped down as chairwoman, president and chief executive in March "
                  "for health reasons."), "March", dt.date(2025, 11, 2), "2025-03"),
    ("sports", "A late penalty knocked it down on Friday, the coach said.", "Friday",
     dt.date(2025, 6, 16), "2025-06-13"),
]

# Words before a date that are no direction of their own: a finite verb (its group decides: "had
# been due to expire Friday" looks back) and "past" the preposition
NO_MARKER = [
    ("war", "The ceasefire had been due to expire Friday evening.\n\nIt was extended to Nov. 16.",
     "Friday evening", dt.date(2025, 6, 16), "2025-06-13TEV"),
    ("labour", "The strike deadline previously had been set to expire at midnight Friday, the union said.",
     "midnight Friday", dt.date(2025, 6, 16), "2025-06-13T00:00"),
    ("sports", "The league said its transfer window would stay open past the Sept. 1 deadline.", "Sept. 1",
     dt.date(2025, 8, 27), "2025-09-01"),
]

# Business reports: the report period is the latest quarter mentioned that has ended by publication
# (a forecast "fourth-quarter loss" in November is not it); an old quarter is background; a period
# made an adjective before a noun that can be a verb ("second-quarter profit") is still one
REPORT_PERIODS = [
    ("business", ("Acme Corp. posted a 20% gain in third-quarter profit. It warned of a fourth-quarter loss.\n\n"
                  "In the year-ago period, Acme earned $90 million."), "the year-ago period",
     dt.date(2025, 11, 1), "2024-Q3"),
    ("business", ("Kimco posted a 20% gain in third-quarter profit. After a flat second quarter, sales rose 6%.\n\n"
                  "In the latest period, margins widened."), "the latest period", dt.date(2025, 11, 1), "2025-Q3"),
    ("film", ("The studio stopped making films in the first quarter of 1984.\n\nIt reported second-quarter "
              "profit of $68 million, up from $66 million a year ago."), "second-quarter",
     dt.date(2025, 8, 5), "2025-Q2"),
    ("film", ("The studio stopped making films in the first quarter of 1984.\n\nIt reported second-quarter "
              "profit of $68 million, up from $66 million a year ago."), "a year ago",
     dt.date(2025, 8, 5), "2024-Q2"),
    # "last year" is the year before the DCT's, even beside a quarter's figures (TimeML, TimeBank 27 of 33)
    ("retail", ("The chain said third-quarter sales rose 8% to $2.1 billion.\n\nOnline orders brought in "
                "$300 million, up from $250 million last year."), "last year", dt.date(2025, 10, 30), "2024"),
]

CASES = [(f"background:{k}", *c) for k, *c in BACKGROUND_DOES_NOT_LEAK] + \
    [(f"verb-group:{k}", *c) for k, *c in VERB_GROUPS] + [(f"no-marker:{k}", *c) for k, *c in NO_MARKER] + \
    [(f"report:{k}", *c) for k, *c in REPORT_PERIODS] + \
    [(f"narrated:{k}", *c) for k, *c in NARRATED_YEAR_CARRIES] + \
    [(f"back-to-dct:{k}", *c) for k, *c in PUBLICATION_DATE_RETURNS] + \
    [(f"forward:{k}", *c) for k, *c in FORWARD] + [(f"backward:{k}", *c) for k, *c in BACKWARD] + \
    [(f"past-ahead:{k}", *c) for k, *c in PAST_CLAUSE_AHEAD] + \
    [(f"set:{k}", *c) for k, *c in SETS] + [(f"convention:{k}", *c) for k, *c in CONVENTIONS]


@pytest.mark.parametrize(("case", "text", "phrase", "dct", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reference_time(case: str, text: str, phrase: str, dct: dt.date, expected: str) -> None:
    assert value_of(text, phrase, dct) == expected


def test_one_convention_for_every_genre() -> None:
    """A history-like article (far years everywhere) and a news article get the same conventions:
    there is no document-level switch."""
    history = "In 1812 the army marched east. In 1813 it retreated. In 1814 Paris fell. Fighting lasted from 1939 to 1945."
    news = "On Tuesday the minister resigned. Fighting lasted from 1939 to 1945."
    for text in (history, news):
        values = {m.text: m.when.value for m in tag_text(text, dt.date(2025, 6, 11))}
        assert values["1939"] == "1939" and values["1945"] == "1945"
