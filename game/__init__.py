"""Space Race: a turn-based strategy game of the Cold War race to space."""

import os

# The core multiplies many small matrices ([games, ~40] by [~40, ~60]); BLAS
# threads only add synchronisation to those, and fight the game's own worker
# processes for the two cores. Set before numpy loads BLAS; a user's own
# setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.3.0"
