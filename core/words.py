"""Small helpers for the plain-language notes the options write."""


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 month', '2 months', '1,200 key versions'."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
