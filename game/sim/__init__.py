"""Batch drivers: rollouts of whole games, their summaries, and the core's benchmark."""
