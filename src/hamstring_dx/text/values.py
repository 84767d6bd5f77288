"""Numbers in free text: durations (days), pain scores (0-10), walking distances (metres), side.

Conventions (also in validation/text-corpus/GUIDE.md): a week is 7 days, a fortnight 14, a month 30,
a year 365, an hour 1/24 (rounded to whole days, 12 hours or more only); "since <weekday>" counts back
from the reference date to the most recent such day (a week if it is that day today); yards are taken
as metres; half a mile is 800 m, a mile 1600 m.
These are units and numbers of everyday English, not clinical vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
    "a couple": 2,
}
UNIT_DAYS = {
    "hours": 1 / 24,
    "hour": 1 / 24,
    "hrs": 1 / 24,
    "hr": 1 / 24,
    "day": 1,
    "days": 1,
    "d": 1,
    "dys": 1,
    "week": 7,
    "weeks": 7,
    "wk": 7,
    "wks": 7,
    "w": 7,
    "fortnight": 14,
    "fortnights": 14,
    "month": 30,
    "months": 30,
    "mo": 30,
    "mos": 30,
    "mths": 30,
    "mth": 30,
    "year": 365,
    "years": 365,
    "yr": 365,
    "yrs": 365,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Short forms that are not also everyday words ("sat", "sun" are)
WEEKDAY_SHORT = {
    "mon": "monday",
    "tues": "tuesday",
    "tue": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thurs": "thursday",
    "thur": "thursday",
    "fri": "friday",
}

_UNIT = r"(" + "|".join(sorted(UNIT_DAYS, key=len, reverse=True)) + r")"
# A number then its unit: digits may touch the unit ("3wks"), words may not ("and now" is not "an" "d").
_NUM_UNIT = (
    r"(?:(\d+(?:\.\d+)?)\s*|("
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")\s+)"
    + _UNIT
)
_APPROX = (
    r"(?:about|around|roughly|nearly|almost|over|maybe|approx\.?|~|some|just over|just under"
    r"|the last|the past|last|past|like)\s+"
)

_DURATION_PATTERNS = [
    # "for 3 weeks", "over the last two months", "since 5 days", "3 weeks ago", "10 days" after pain words
    re.compile(r"\b(?:for|over|since|in|from)\s+(?:" + _APPROX + r")*" + _NUM_UNIT + r"\b"),
    # "8 weeks' history", "3 days' pain"
    re.compile(r"\b" + _NUM_UNIT + r"'(?=\s)"),
    re.compile(r"\b(?:" + _APPROX + r")*" + _NUM_UNIT + r"\s+ago\b"),
    re.compile(r"\b" + _NUM_UNIT + r"\s+(?:of|now|hx|history|duration|after|post)\b"),
    re.compile(r"\b(?:for|over|in)\s+(?:the\s+)?(?:last|past)\s+" + _UNIT + r"\b"),
    # "this flare-up is a week old"
    re.compile(r"\b(?:is|'s)\s+(?:only\s+|about\s+)?" + _NUM_UNIT + r"\s+old\b"),
    # "the past week I've had a fever", "this past fortnight"
    re.compile(r"\b(?:the|this)\s+(?:last|past)\s+" + _UNIT + r"\b"),
    re.compile(r"\b" + _NUM_UNIT + r"\b(?=[,.]?\s*(?:worse|pain|hx|history|duration))"),
    # "been like this 2 wks", "had it 3 weeks", "going on 10 days"
    re.compile(
        r"\b(?:been\s+(?:like\s+this|going\s+on|going|there|ongoing|bad|sore|painful|agony|playing\s+up)?"
        r"|had\s+(?:it|this|them)|going\s+on"
        r"|is\s+there|are\s+there)\s*"
        r"(?:for\s+)?(?:" + _APPROX + r")*" + _NUM_UNIT + r"\b"
    ),
]
_NOTE_DURATION = re.compile(r"(?:\bx\s?|\b)(\d{1,2})/(52|12|7)\b")
_RELATIVE = [
    (re.compile(r"\b(?:since|started|began|from)\s+(?:this\s+morning|today|earlier\s+today)\b"), 0),
    (re.compile(r"\b(?:since|started|began)\s+(?:yesterday|yday|y'day|last\s+night)\b"), 1),
    (re.compile(r"\bsince\s+last\s+week\b"), 7),
    (re.compile(r"\bsince\s+last\s+month\b"), 30),
    (re.compile(r"\bsince\s+last\s+year\b"), 365),
]
# Weaker day words, used only when the text states no other duration: "I fell off my bike yesterday",
# "pain came on 3h ago", "burning since I woke up".
_FALLBACK = [
    (re.compile(r"\b(?:yesterday|last\s+night)\b"), 1),
    (re.compile(r"\b(?:this\s+morning|this\s+am|earlier\s+today|since\s+i\s+woke\s+up)\b"), 0),
    (re.compile(r"\b(?:\d{1,2}\s*(?:h|hrs?|hours?)|(?:an|a\s+few|few|a?\s*couple\s+of)\s+hours?)\s+ago\b"), 0),
]
_SINCE_WEEKDAY = re.compile(
    r"\b(?:since|on|started\s+on|last)\s+(?:last\s+)?("
    + "|".join(WEEKDAYS + list(WEEKDAY_SHORT))
    + r"|the\s+weekend)\b"
)
# A weekday on its own ("did my hammy at footy Sunday"): used only when no other duration is stated.
_BARE_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")

_NRS = [
    # "pain's about a 5", "the pain is 7" (not "pain is 3 weeks", not "7/10" which the next pattern reads)
    re.compile(
        r"\bpain(?:'s|\s+is|\s+was|\s+at|\s+of)\s+(?:about\s+|around\s+|roughly\s+|maybe\s+)?(?:a\s+)?"
        r"(\d{1,2})(?![\d/%]|\.\d|\s*(?:out|[a-z]))"
    ),
    re.compile(r"(?<![\d/])(\d{1,2}(?:\.\d)?)\s*(?:/|out\s+of|outta)\s*10\b"),
    re.compile(r"\bpains?\s+(?:about|around|roughly)\s+(?:a\s+)?(\d{1,2})(?![\d/%]|\.\d|\s*(?:out|[a-z]))"),
    re.compile(r"\b(\d{1,2})\s+on\s+a\s+scale\s+of\s+(?:0\s*(?:-|to)\s*)?10\b"),
    re.compile(
        r"\b(?:pain\s+score|nrs|vas|score\s+it|rate\s+it|rated\s+it|call\s+it)\s*(?:of|at|is|as|a|around|about|:)?\s*(?:a\s+|around\s+|about\s+)?(\d{1,2})\b"
    ),
]
_WALK_WORDS = re.compile(r"\b(walk\w*|before|stop\w*|legs?|claudicat\w*|after|manage\w*)\b")
_DISTANCE = [
    (re.compile(r"\b(\d{1,5})\s*(?:m|metres|meters|metre|meter|yards|yds|yd)\b"), None),
    (re.compile(r"\b(?:a\s+)?couple\s+(?:of\s+)?hundred\s+(?:m|metres|meters|yards)\b"), 200),
    (re.compile(r"\bfew\s+hundred\s+(?:m|metres|meters|yards)\b"), 300),
    (re.compile(r"\bhalf\s+a\s+mile\b"), 800),
    (re.compile(r"\b(?:a|one)\s+mile\b"), 1600),
]


@dataclass(frozen=True)
class NumberMention:
    finding: str
    value: float
    start: int
    end: int
    text: str
    weak: bool = False  # a day word used only when nothing else dates the complaint ("yesterday")


def _num(s: str) -> float | None:
    s = s.strip().lower()
    if s in NUMBER_WORDS:
        return float(NUMBER_WORDS[s])
    try:
        return float(s)
    except ValueError:
        return None


def days_since_weekday(name: str, today: date) -> int:
    """Days back from `today` to the most recent `name` day (7 if today is that day)."""
    name = WEEKDAY_SHORT.get(name, name)
    target = 5 if name.replace(" ", "") in ("theweekend", "weekend") else WEEKDAYS.index(name)
    diff = (today.weekday() - target) % 7
    return diff or 7


def _clean(n: float) -> float | int:
    return int(n) if float(n).is_integer() else n


def find_durations(text: str, today: date) -> list[NumberMention]:
    low = text.lower()
    found: list[NumberMention] = []
    for pat in _DURATION_PATTERNS:
        for m in pat.finditer(low):
            groups = [g for g in m.groups() if g is not None]
            if len(groups) == 1:  # "for the last month"
                n, unit = 1.0, groups[0]
            else:
                n, unit = _num(groups[0]), groups[1]
            if n is not None and UNIT_DAYS[unit] < 1 and n < 12:
                continue  # "for an hour", "3 hours" say how long an activity takes, not the complaint
            if n is None:
                continue
            found.append(
                NumberMention(
                    "duration_days",
                    _clean(round(n * UNIT_DAYS[unit])),
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                )
            )
    for m in _NOTE_DURATION.finditer(low):
        n, base = int(m.group(1)), m.group(2)
        days = n * {"52": 7, "12": 30, "7": 1}[base]
        found.append(NumberMention("duration_days", days, m.start(), m.end(), text[m.start() : m.end()]))
    for pat, days in _RELATIVE:
        for m in pat.finditer(low):
            found.append(NumberMention("duration_days", days, m.start(), m.end(), text[m.start() : m.end()]))
    for m in _SINCE_WEEKDAY.finditer(low):
        found.append(
            NumberMention(
                "duration_days",
                days_since_weekday(m.group(1), today),
                m.start(),
                m.end(),
                text[m.start() : m.end()],
            )
        )
    if not found:
        for pat, days in _FALLBACK:
            for m in pat.finditer(low):
                found.append(
                    NumberMention("duration_days", days, m.start(), m.end(), text[m.start() : m.end()], weak=True)
                )
        for m in _BARE_WEEKDAY.finditer(low):
            days = days_since_weekday(m.group(1), today)
            found.append(
                NumberMention("duration_days", days, m.start(), m.end(), text[m.start() : m.end()], weak=True)
            )
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


def find_pain_scores(text: str) -> list[NumberMention]:
    low = text.lower()
    out = []
    for pat in _NRS:
        for m in pat.finditer(low):
            n = _num(m.group(1))
            if n is not None and 0 <= n <= 10:
                out.append(NumberMention("pain_nrs", _clean(n), m.start(), m.end(), text[m.start() : m.end()]))
    out.sort(key=lambda x: x.start)
    return out


# Age and sex in a note ("52M", "67 F", "34yo M"): a capital M right after a number is not metres.
_AGE_SEX = re.compile(r"\b\d{1,3}\s?(?:yo\s?|y/o\s?|yrs?\s?)?[MF]\b")


def find_walking_distances(text: str, sentences: list[tuple[int, int]]) -> list[NumberMention]:
    low = text.lower()
    age_sex = [(m.start(), m.end()) for m in _AGE_SEX.finditer(text)]
    out = []
    for s_start, s_end in sentences:
        sent = low[s_start:s_end]
        if not _WALK_WORDS.search(sent):
            continue
        for pat, fixed in _DISTANCE:
            for m in pat.finditer(sent):
                val = fixed if fixed is not None else _num(m.group(1))
                if val is None:
                    continue
                a, b = s_start + m.start(), s_start + m.end()
                if any(x <= a < y for x, y in age_sex):
                    continue
                out.append(NumberMention("walking_distance_m", _clean(val), a, b, text[a:b]))
    out.sort(key=lambda x: x.start)
    return out
