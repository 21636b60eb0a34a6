"""The currency management tables: a company's currencies (its base currency among them), its rate types and
the rates between two currencies of one type from an effective date on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..identity.models import Company

# Mult/Div: the rate multiplies the from-currency amount, or divides it.
MULTIPLY = "Multiply"
DIVIDE = "Divide"


class Currency(Base):
    """A currency the company uses (CM202000). Its base currency is one of them: `isBaseCurrency` is read from
    the company, never stored twice."""

    __tablename__ = "currency"
    __table_args__ = (UniqueConstraint("company_id", "currency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    currency_id: Mapped[str] = mapped_column(String(5))
    description: Mapped[str] = mapped_column(String(60), default="")
    symbol: Mapped[str] = mapped_column(String(10), default="")
    decimal_precision: Mapped[int] = mapped_column(Integer, default=2)
    used_for_accounting: Mapped[bool] = mapped_column(Boolean, default=True)

    company: Mapped[Company] = relationship()

    @property
    def is_base(self) -> bool:
        return self.company.base_currency == self.currency_id


class CurrencyRateType(Stamped, Base):
    """A rate type (CM201000): `SPOT`, `BANK`, ... and the days a rate of it stays effective."""

    __tablename__ = "currency_rate_type"
    __table_args__ = (UniqueConstraint("company_id", "rate_type_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    rate_type_id: Mapped[str] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(String(60), default="")
    days_effective: Mapped[int | None] = mapped_column(Integer)


class CurrencyRate(Stamped, Base):
    """A rate from one currency to another, of a rate type, from its effective date until the next one
    (CM301000). Its key on the wire is `rate_number`, the company's rates numbered in turn from 1."""

    __tablename__ = "currency_rate"
    __table_args__ = (
        UniqueConstraint("company_id", "rate_number"),
        UniqueConstraint(
            "company_id",
            "from_currency_id",
            "to_currency_id",
            "rate_type_id",
            "effective_date",
            name="uq_currency_rate_one_a_day",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    rate_number: Mapped[int] = mapped_column(Integer)
    from_currency_id: Mapped[str | None] = mapped_column(String(5))
    to_currency_id: Mapped[str | None] = mapped_column(String(5))
    rate_type_id: Mapped[str | None] = mapped_column(String(6))
    effective_date: Mapped[date | None] = mapped_column(Date)
    rate: Mapped[Decimal | None] = mapped_column(Numeric(19, 8))
    mult_div: Mapped[str] = mapped_column(String(8), default=MULTIPLY)
