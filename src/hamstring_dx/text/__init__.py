"""Free text (a patient's words, a short note) read into case findings. See reader.py."""

from hamstring_dx.text.reader import Mention, TextReading, read_text

__all__ = ["Mention", "TextReading", "read_text"]
