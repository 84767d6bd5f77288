from datetime import date

from hamstring_dx.text.values import (
    days_since_weekday,
    find_durations,
    find_pain_scores,
    find_walking_distances,
)

SAT = date(2026, 11, 21)  # a Saturday


def first(text):
    d = find_durations(text, SAT)
    return d[0].value if d else None


def test_durations():
    assert first("for 3 weeks") == 21
    assert first("for about nine months") == 270
    assert first("two years ago") == 730
    assert first("since yesterday") == 1
    assert first("a fortnight ago") == 14
    assert first("L leg sciatica x2/52") == 14
    assert first("3/12 duration") == 90
    assert first("since 5 days") == 5
    assert first("started this morning") == 0


def test_since_weekday():
    assert days_since_weekday("tuesday", SAT) == 4
    assert days_since_weekday("saturday", SAT) == 7
    assert first("since Tuesday") == 4


def test_pain_scores():
    assert [m.value for m in find_pain_scores("about 7/10")] == [7]
    assert [m.value for m in find_pain_scores("8 out of 10")] == [8]
    assert find_pain_scores("power 5/5") == []


def test_walking_distance():
    text = "I can walk 200 m before I stop."
    assert [m.value for m in find_walking_distances(text, [(0, len(text))])] == [200]
    text = "Can walk half a mile before I need to sit."
    assert find_walking_distances(text, [(0, len(text))])[0].value == 800
