"""Amounts (points, scores, percents): decimals with two places, rounded
half-up once, so the same answers always give the same figures on every
database and in every process."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0")


def round2(value) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value) -> Decimal:
    """Exact decimal of a JSON number (via its text, so 0.1 stays 0.1)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def decimal_text(value) -> str:
    """One spelling per amount ("2.50", never "2.5"), so that comparing
    stored documents compares content, not how a value happened to be typed."""
    return str(round2(to_decimal(value)))


def to_hundredths(value) -> int:
    """An amount as a whole number of hundredths: exact on a database with no
    decimal type."""
    return int((to_decimal(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_hundredths(hundredths: int) -> Decimal:
    return (Decimal(hundredths) / 100).quantize(TWO_PLACES)
