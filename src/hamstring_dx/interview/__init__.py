"""Adaptive interview: a red-flag screen, then the question worth most per unit of cost, until a
documented stop rule ends it (docs/interview.md)."""

from __future__ import annotations

from hamstring_dx.interview.config import STOP_REASONS, check_interview_data, load_config
from hamstring_dx.interview.step import Step, next_question

__all__ = ["STOP_REASONS", "Step", "check_interview_data", "load_config", "next_question"]
