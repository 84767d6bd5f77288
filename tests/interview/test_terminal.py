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


class _Terminal:
    """A real terminal (tmux) running a command: `send` types a line, `wait_for` reads the screen."""

    def __init__(self, args: str) -> None:
        self.session = f"hdx-{uuid.uuid4().hex[:8]}"
        cmd = f"{BIN} {args}; echo EXITED-$?; sleep 60"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.session, "-x", "120", "-y", "50", cmd], check=True)

    def send(self, keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, keys, "Enter"], check=True)

    def wait_for(self, needle: str, timeout: float = 30.0, count: int = 1) -> str:
        return _wait_for(self.session, needle, timeout, count)

    def __enter__(self) -> _Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.session], capture_output=True)


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")


@pytest.mark.slow
@needs_tmux
def test_real_terminal_interview(tmp_path):
    saved = tmp_path / "final.yaml"
    with _Terminal(f"interview --mode patient --save {saved}") as term:
        term.wait_for("Age in years")
        term.send("29")
        term.wait_for("Sex:")
        term.send("2")
        term.wait_for("Which leg hurts")
        term.send("2")
        term.wait_for("In your own words")
        term.send("")  # skip the free text
        term.wait_for("Question 1 (at most 20) · red-flag screen 1 of 2")
        term.send("n")  # grouped question, one item at a time: bladder no
        term.wait_for("b) Is there numbness")
        term.send("n")
        term.wait_for("c) Have you had new loss")
        term.send("?")
        term.wait_for("Question 2 (at most 20) · red-flag screen 2 of 2")
        term.send("b")  # back: the whole group 1 is asked again
        term.wait_for("Going back one question.")
        term.wait_for("Question 1 (at most 20)", count=2)
        term.send("n n ?")  # all three items on one line
        term.wait_for("Question 2 (at most 20)", count=2)
        term.send("n n n")
        term.wait_for("Question 3 (at most 20)")
        for _ in range(25):  # "not sure" to everything else
            term.send("?")
            time.sleep(0.25)
        screen = term.wait_for("EXITED-0", timeout=60)
    assert "Interview ended:" in screen
    assert "Not sure" in screen
    assert "Questions answered:" in screen
    final = yaml.safe_load(saved.read_text())
    f = final["findings"]
    assert (f["bladder_change"], f["saddle_numbness"], f["bowel_change"]) == ("absent", "absent", "unknown")
    assert (f["fever"], f["history_of_cancer"], f["cold_pale_foot"]) == ("absent", "absent", "absent")
    assert final["patient"] == {"age": 29, "sex": "male"}


@pytest.mark.slow
@needs_tmux
def test_real_terminal_emergency():
    with _Terminal("interview --mode patient") as term:
        term.wait_for("Age in years")
        for keys in ("61", "1", "1", ""):
            term.send(keys)
            time.sleep(0.3)
        term.wait_for("Question 1 (at most 20)")
        term.send("y n n")  # new bladder trouble (the grouped cauda equina question on one line)
        term.wait_for("Question 2")
        term.send("n n n")
        term.wait_for("Question 3")
        for _ in range(8):  # the interview asks what decides the emergency rule; say yes
            term.send("1")
            time.sleep(0.4)
        screen = term.wait_for("EXITED-0", timeout=60)
    assert "EMERGENCY" in screen


@needs_tmux
def test_real_terminal_red_flags_from_own_words_are_confirmed_then_escalate():
    """The person's own words are read; the red flags found are confirmed first, then the emergency ends it."""
    with _Terminal("interview --mode patient") as term:
        term.wait_for("Age in years")
        for keys in ("47", "2", "3"):
            term.send(keys)
            time.sleep(0.3)
        term.wait_for("In your own words")
        term.send("Both legs ache, since last night I wet myself and I cannot feel the toilet paper when I wipe")
        screen = term.wait_for("Question 1 (at most 20)", timeout=90)  # cold start: pipeline and screen
        assert "We read these from what you wrote" in screen
        term.send("y y y")  # both legs, bladder, saddle: the three red flags read from the text
        screen = term.wait_for("EXITED-0", timeout=60)
    assert "EMERGENCY" in screen
