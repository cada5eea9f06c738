"""The scenario catalogue: industries, disciplines, scenarios, import and export."""
