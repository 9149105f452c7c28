def batch() -> int:
    """Advise many companies at once."""
    return 0
