"""Matching library: studios, needs and catalogue scenarios, ranked and explained.

Pure library (no Flask, no database). ``import matching`` is cheap: the encoder loads torch and
sentence-transformers only on first encode; see matching/README.md for the API.
"""

from matching.types import Explanation, Match, Profile, SharedTag

__all__ = ["Explanation", "Match", "Profile", "SharedTag"]
