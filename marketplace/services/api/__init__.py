"""Reads the JSON API needs beyond the pages' services: stable, paginated lists."""
