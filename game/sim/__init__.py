"""Batch drivers: rollouts, batch slicing, state checksums."""
