"""Glass-forming ability: compositions, empirical criteria, features and trained model files (docs/gfa.md)."""
from ._vitrum.gfa import *  # noqa: F401,F403
