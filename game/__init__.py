"""Space Race: a turn-based strategy game of the Cold War race to space."""

__version__ = "0.1.0"
