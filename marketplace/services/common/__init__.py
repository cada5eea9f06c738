"""Shared service plumbing: errors, JSON Lines validation, image uploads."""
