"""Manufacturers' design needs: drafting, review, publication, deadlines."""

