"""Manufacturers' company profiles: credit code and mobile checks, editing, staff verification."""
