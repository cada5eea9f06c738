"""Accounts: registration, login, sessions, staff creation, dashboard figures, login throttle."""
