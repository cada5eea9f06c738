"""Studios' sealed bids on needs: submit, edit, withdraw, shortlist, award, decline."""
