"""Case format v1: the one input shape."""

from hamstring_dx.case.io import read_case_documents
from hamstring_dx.case.model import Case, Patient, parse_case

__all__ = ["Case", "Patient", "parse_case", "read_case_documents"]
