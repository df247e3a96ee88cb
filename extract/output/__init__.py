"""What happens to the rows after extraction: stable row keys, provenance offsets,
coordinates, analysts' corrections, and the SQLite / spreadsheet forms of the tables."""
