"""Open data (issue 20, README "Open data"): the bulk downloads built from the published
content (records, formats, store) and the pages that list them and document the API."""
