"""What an instance can hold and when one is needed, shared by the instance and Dedicated options."""

from __future__ import annotations

from core.demand import Demand
from core.options.base import Builder
from core.words import plural

CLUSTER_ID = "cloud-hsm.cluster.month"


def check_protection(b: Builder, demand: Demand, kind: str) -> None:
    """A software instance holds software keys only; a hardware instance holds HSM keys."""
    if kind == "software" and demand.hsm_keys:
        b.block(f"The plan has {plural(demand.hsm_keys, 'HSM-protected key')}; a software key management "
                f"instance holds software keys only.")
    if kind == "hardware" and demand.user_keys > demand.hsm_keys:
        b.note(f"{plural(demand.user_keys - demand.hsm_keys, 'software key')} would be created as HSM keys "
               f"in a hardware instance.")


def needs_instance(demand: Demand, m: int) -> bool:
    """Default keys of cloud services are free and need no instance (KMS 3.0 Billing)."""
    return bool(demand.user_versions_peak[m] or demand.secrets or demand.user_calls[m])


def cluster_price(b: Builder):
    price = b.known(CLUSTER_ID)
    if price is None:
        b.note("Excludes the Cloud HSM cluster a hardware instance needs: its price is not "
               "published; enter it under Prices to include it.")
    return price
