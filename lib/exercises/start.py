"""Checks for lessons/00_start_here: the error of a prediction and one update step."""
from .loss import check_error
from .worked import check_update

__all__ = ["check_error", "check_update"]
