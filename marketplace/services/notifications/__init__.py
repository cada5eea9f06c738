"""Notifications: the bell's messages and their e-mails."""
