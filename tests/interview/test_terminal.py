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
    # age, sex, side; screen answers with a "back" and an edit of the first answer
    answers = ["42", "2", "1", "2", "b", "2", "2", "u", "1", "2", "2", "2", "2", "2"] + ["?"] * 40
    case = run_interview("patient", kb=kb, read=scripted(answers), write=out.append)
    assert case is not None
    text = "\n".join(out)
    assert "Going back one question." in text
    assert "Your answers so far:" in text
    assert "Interview ended:" in text
    assert case["findings"]["bladder_change"] == "absent"
    assert len(case["findings"]) == len(set(case["findings"]))


def test_function_level_emergency_stops_at_once(kb):
    out: list[str] = []
    answers = ["50", "?", "?", "1", "2", "2", "2", "2", "2", "1"] + ["?"] * 10
    run_interview("patient", kb=kb, read=scripted(answers), write=out.append)
    text = "\n".join(out)
    assert "EMERGENCY" in text
    assert "emergency department" in text.lower()


def _wait_for(session: str, needle: str, timeout: float = 30.0) -> str:
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = subprocess.run(["tmux", "capture-pane", "-t", session, "-p", "-S", "-400"],
                                capture_output=True, text=True).stdout
        if needle in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear; screen:\n{screen}")


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
        _wait_for(session, "Question 1 (at most 20)")
        send("2")  # bladder: no
        _wait_for(session, "Question 2")
        send("b")  # back: re-ask the bladder question
        _wait_for(session, "Going back one question.")
        send("n")
        _wait_for(session, "Question 2")
        for _ in range(5):  # rest of the screen: no
            send("2")
        _wait_for(session, "Question 7")
        for _ in range(25):  # "not sure" to everything else
            send("?")
            time.sleep(0.25)
        screen = _wait_for(session, "EXITED-0", timeout=60)
        assert "Interview ended:" in screen
        assert "Not sure" in screen
        final = yaml.safe_load(saved.read_text())
        assert final["findings"]["bladder_change"] == "absent"
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
        for keys in ("61", "1", "1"):
            send(keys)
            time.sleep(0.3)
        _wait_for(session, "Question 1 (at most 20)")
        send("1")  # new bladder trouble
        _wait_for(session, "Question 2")
        for _ in range(8):  # the interview asks what decides the emergency rule; say yes
            send("1")
            time.sleep(0.4)
        screen = _wait_for(session, "EXITED-0", timeout=60)
        assert "EMERGENCY" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
