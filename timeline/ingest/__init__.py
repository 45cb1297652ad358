"""Ingest: one reader per input kind -> Article."""
