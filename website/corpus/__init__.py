"""The corpus as files (content/): parse, validate, load into the database, export back.

Layout and format: content/README.md. The same dataclasses sit between files and rows in
both directions, so that load → export reproduces the files (records.py).
"""
