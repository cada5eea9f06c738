"""Reads the JSON API needs beyond the pages' services: stable, paginated lists."""

from marketplace.services.api.reads import ListPage, audit_page, decisions_page, own_bids_page

__all__ = ["ListPage", "audit_page", "decisions_page", "own_bids_page"]
