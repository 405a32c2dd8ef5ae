"""Official wage files into salary bands: layouts.py (each source's columns, in one place),
files.py (reading them), importer.py (what changes, then one transaction)."""
