"""Engagements after an award: thread, milestones and delivery, completion, ratings, outcome."""
