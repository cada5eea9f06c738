"""Matchmaking events: participants, fits, meeting requests, schedules, notices, figures."""
