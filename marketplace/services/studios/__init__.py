"""Studios: profiles, portfolio, accreditation verification, interest, bulk import."""
