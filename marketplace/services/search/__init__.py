"""Search in the app: documents from the database, index upkeep, the search page."""
