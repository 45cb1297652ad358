"""Events: Article + [Mention] -> [Event]; merge.py: events from many articles -> Timeline."""
