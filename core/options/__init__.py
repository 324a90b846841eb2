"""Ways of paying for KMS: one module each, registered in display order.

Adding an option means adding one module with a `quote(demand, catalog, plan)` function and
naming it here; every view, the CLI and the workbook pick it up.
"""

from __future__ import annotations

from core.options import dedicated, instance, payg, payg_instance
from core.options.base import OptionCost, Line

# id -> function(demand, catalog, plan) -> OptionCost
REGISTRY = {
    "payg-legacy": payg.quote,
    "instance-software": instance.quote_software,
    "instance-hardware": instance.quote_hardware,
    "payg-instance-software": payg_instance.quote_software,
    "payg-instance-hardware": payg_instance.quote_hardware,
    "dedicated": dedicated.quote,
}

__all__ = ["REGISTRY", "OptionCost", "Line"]
