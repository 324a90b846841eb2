"""What an instance can hold and when one is needed, shared by the instance and Dedicated options."""

from __future__ import annotations

from decimal import Decimal

from core.demand import Demand
from core.options.base import Builder
from core.words import plural

CLUSTER_ID = "cloud-hsm.cluster.month"


def check_protection(b: Builder, demand: Demand, kind: str) -> None:
    """A software instance holds software keys only; a hardware instance holds HSM keys."""
    if kind == "software" and demand.hsm_keys:
        b.block(f"The plan has {plural(demand.hsm_keys, 'HSM-protected key')}; a software key management "
                f"instance holds software keys only.", "holds no HSM keys", active_months(demand))
    if kind == "hardware" and demand.user_keys > demand.hsm_keys:
        b.note(f"{plural(demand.user_keys - demand.hsm_keys, 'software key')} would be created as HSM keys "
               f"in a hardware instance.")


def needs_instance(demand: Demand, m: int) -> bool:
    """Default keys of cloud services are free and need no instance (KMS 3.0 Billing)."""
    return demand.user_months[m]


def active_months(demand: Demand) -> list[bool]:
    return list(demand.user_months)


def cluster_price(b: Builder, demand: Demand) -> Decimal | None:
    """The Cloud HSM cluster a hardware instance (or a Dedicated KMS instance) needs: unpublished,
    so until the user enters it every month with an instance is `incomplete` (a lower bound)."""
    return b.price(CLUSTER_ID, active_months(demand))


def _ceil_div(value: int, unit: int) -> int:
    return -(-value // unit) if unit else 0


def instances_needed(versions: int, qps: int, quota: int, qps_default: int,
                     secrets: int = 0, max_secrets: int = 0) -> int:
    """Whole default instances for `versions` key versions and a peak of `qps` (at least one).

    Secrets need the secret-quota add-on in any case (the default quota is 0); an instance's secret
    quota goes up to `max_secrets`, so more secrets than that need more instances.
    """
    return max(1, _ceil_div(versions, quota), _ceil_div(qps, qps_default), _ceil_div(secrets, max_secrets))
