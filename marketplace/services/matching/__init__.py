"""Matching in the app: encoder choice, stored vectors and match rows, explained lists."""
