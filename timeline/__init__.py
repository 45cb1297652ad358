"""news-timeline: turn news articles into timelines (HTML, ICS, JSON)."""

__version__ = "0.1.0"
