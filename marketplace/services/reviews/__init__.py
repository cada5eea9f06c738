"""Commission review of proposed matches: decisions, audit trail, coverage."""

