"""Operations: readiness checks, figures for /metrics, backups and restores."""
