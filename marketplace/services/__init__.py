"""Use-case services: plain typed functions; the only code that commits."""
