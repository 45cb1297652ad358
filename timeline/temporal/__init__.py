"""Temporal engine: text + publication date -> [Mention] (TIMEX3 DATE, TIME, DURATION, SET)."""
