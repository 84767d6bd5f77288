"""The interview starts from the person's own words: what was read is confirmed first."""

from __future__ import annotations

from hamstring_dx import next_question


def start(text: str) -> dict:
    return {"case_format": 1, "patient": {"age": 45}, "findings": {}, "free_text": text}


def test_red_flags_read_from_text_are_confirmed_first_and_already_escalate():
    step = next_question(start("I wet myself yesterday and I can't feel the toilet paper. It is worse when I sit."))
    assert not step.done
    q = step.to_dict()["question"]
    assert q["phase"] == "confirm"
    asked = {i["finding"] for i in q.get("items") or []} or {q["finding"]}
    assert asked == {"bladder_change", "saddle_numbness"}
    assert step.triage_level == "emergency"  # escalates at once, while being confirmed


def test_other_findings_read_from_text_share_one_confirmation_screen():
    case = start("The pain shoots down my leg and it is much worse when I sit or cough.")
    step = next_question(case)
    q = step.to_dict()["question"]
    assert q["phase"] == "confirm" and q["type"] == "group"
    items = [i["finding"] for i in q["items"]]
    assert {"worse_sitting", "worse_cough_sneeze"} <= set(items)
    assert all(any(o["value"] == "unknown" for o in i["options"]) for i in q["items"])
    # answering the screen moves on; the confirmed answers are recorded and count as one question
    case["findings"] = {fid: "present" for fid in items}
    nxt = next_question(case)
    assert nxt.done or nxt.to_dict()["question"]["phase"] != "confirm"
    assert nxt.progress.asked == 1


def test_a_negated_red_flag_is_still_asked_in_the_screen():
    step = next_question(start("No problems peeing, just pain in the back of my thigh."))
    q = step.to_dict()["question"]
    asked = {i["finding"] for i in q.get("items") or []} or {q["finding"]}
    assert "bladder_change" in asked
    assert q["phase"] == "screen"
