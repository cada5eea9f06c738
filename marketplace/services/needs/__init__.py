"""Manufacturers' design needs: drafting, review, publication, questions, invitations, imports."""
