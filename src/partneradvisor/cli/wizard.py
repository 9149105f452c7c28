def wizard() -> int:
    """Interview the company in the terminal and show the advice."""
    return 0
