"""Commission review of proposed matches: queue, decisions, moderation, coverage, exposure."""
