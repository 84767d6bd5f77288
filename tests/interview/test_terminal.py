"""The interactive interview, driven through a real terminal (tmux) and through its functions."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import yaml

from hamstring_dx.interview.terminal import run_interview

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin" / "hamstring-dx"


def scripted(answers):
    it = iter(answers)

    def read(prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return read


def test_function_level_back_and_edit(kb):
    out: list[str] = []
    answers = [
        "42", "2", "1",  # age, sex, side
        "n", "b", "n", "n", "?",  # group 1 one item at a time; b re-asks the item before
        "b",  # at group 2: back to group 1 (all three of its answers removed)
        "n n ?",  # group 1 again, on one line
        "n n",  # too few answers for group 2: asked again
        "u", "2", "?",  # change the saddle answer to not sure
        "n n n",  # group 2
    ] + ["?"] * 40
    case = run_interview("patient", kb=kb, read=scripted(answers), write=out.append)
    assert case is not None
    text = "\n".join(out)
    assert "Going back one question." in text
    assert "please answer all 3 items" in text
    assert "Your answers so far:" in text
    assert "Interview ended:" in text
    assert "red-flag screen 1 of 2" in text and "red-flag screen 2 of 2" in text
    f = case["findings"]
    assert list(f)[:6] == ["bladder_change", "saddle_numbness", "bowel_change", "fever", "history_of_cancer",
                           "cold_pale_foot"]
    assert (f["bladder_change"], f["saddle_numbness"], f["bowel_change"]) == ("absent", "unknown", "unknown")
    assert (f["fever"], f["history_of_cancer"], f["cold_pale_foot"]) == ("absent", "absent", "absent")
    shown = [line for line in out if line.startswith("Question ")]
    assert shown[-1].startswith(f"Question {len(f) - 4} ")  # two group screens for six answers
    assert f"Questions answered: {len(f) - 4} ({len(f)} answers)" in text


def test_function_level_emergency_stops_at_once(kb):
    out: list[str] = []
    answers = ["50", "?", "?", "y n n", "n n n"] + ["1"] * 12
    run_interview("patient", kb=kb, read=scripted(answers), write=out.append)
    text = "\n".join(out)
    assert "URGENT" in text  # new bladder trouble escalates at once
    assert "EMERGENCY" in text
    assert "emergency department" in text.lower()


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", session, "-p", "-S", "-2000"],
                          capture_output=True, text=True).stdout


def _wait_for(session: str, needle: str, timeout: float = 30.0, count: int = 1) -> str:
    """Wait until `needle` appears `count` times in the terminal (scroll-back included)."""
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = _screen(session)
        if screen.count(needle) >= count:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear {count} time(s); screen:\n{screen}")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_real_terminal_interview(tmp_path):
    session = f"hdx-{uuid.uuid4().hex[:8]}"
    saved = tmp_path / "final.yaml"
    cmd = f"{BIN} interview --mode patient --save {saved}; echo EXITED-$?; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50", cmd], check=True)

    def send(keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", session, keys, "Enter"], check=True)

    try:
        _wait_for(session, "Age in years")
        send("29")
        _wait_for(session, "Sex:")
        send("2")
        _wait_for(session, "Which leg hurts")
        send("2")
        _wait_for(session, "In your own words")
        send("")  # skip the free text
        _wait_for(session, "Question 1 (at most 20) · red-flag screen 1 of 2")
        send("n")  # grouped question, one item at a time: bladder no
        _wait_for(session, "b) Is there numbness")
        send("n")
        _wait_for(session, "c) Have you had new loss")
        send("?")
        _wait_for(session, "Question 2 (at most 20) · red-flag screen 2 of 2")
        send("b")  # back: the whole group 1 is asked again
        _wait_for(session, "Going back one question.")
        _wait_for(session, "Question 1 (at most 20)", count=2)
        send("n n ?")  # all three items on one line
        _wait_for(session, "Question 2 (at most 20)", count=2)
        send("n n n")
        _wait_for(session, "Question 3 (at most 20)")
        for _ in range(25):  # "not sure" to everything else
            send("?")
            time.sleep(0.25)
        screen = _wait_for(session, "EXITED-0", timeout=60)
        assert "Interview ended:" in screen
        assert "Not sure" in screen
        assert "Questions answered:" in screen
        final = yaml.safe_load(saved.read_text())
        f = final["findings"]
        assert (f["bladder_change"], f["saddle_numbness"], f["bowel_change"]) == ("absent", "absent", "unknown")
        assert (f["fever"], f["history_of_cancer"], f["cold_pale_foot"]) == ("absent", "absent", "absent")
        assert final["patient"] == {"age": 29, "sex": "male"}
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_real_terminal_emergency():
    session = f"hdx-{uuid.uuid4().hex[:8]}"
    cmd = f"{BIN} interview --mode patient; echo EXITED-$?; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50", cmd], check=True)

    def send(keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", session, keys, "Enter"], check=True)

    try:
        _wait_for(session, "Age in years")
        for keys in ("61", "1", "1", ""):
            send(keys)
            time.sleep(0.3)
        _wait_for(session, "Question 1 (at most 20)")
        send("y n n")  # new bladder trouble (the grouped cauda equina question on one line)
        _wait_for(session, "Question 2")
        send("n n n")
        _wait_for(session, "Question 3")
        for _ in range(8):  # the interview asks what decides the emergency rule; say yes
            send("1")
            time.sleep(0.4)
        screen = _wait_for(session, "EXITED-0", timeout=60)
        assert "EMERGENCY" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt package tmux)")
def test_real_terminal_red_flags_from_own_words_are_confirmed_then_escalate():
    """The person's own words are read; the red flags found are confirmed first, then the emergency ends it."""
    session = f"hdx-text-{uuid.uuid4().hex[:8]}"
    cmd = f"{BIN} interview --mode patient; echo EXITED-$?; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50", cmd], check=True)

    def send(keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", session, keys, "Enter"], check=True)

    try:
        _wait_for(session, "Age in years")
        for keys in ("47", "2", "3"):
            send(keys)
            time.sleep(0.3)
        _wait_for(session, "In your own words")
        send("Both legs ache, since last night I wet myself and I cannot feel the toilet paper when I wipe")
        screen = _wait_for(session, "Question 1 (at most 20)")
        assert "We read these from what you wrote" in screen
        send("y y y")  # both legs, bladder, saddle: the three red flags read from the text
        screen = _wait_for(session, "EXITED-0", timeout=60)
        assert "EMERGENCY" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
