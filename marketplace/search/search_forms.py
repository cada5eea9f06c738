"""Forms of the search pages: bare POSTs that carry a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token (save, delete, alerts on/off)."""
