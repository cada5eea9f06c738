"""The City of Design in figures: targets, figures from the record, open data, monthly reports."""
