"""KMS Cost Planner's billing model: plan -> demand -> options -> comparison. Never imports Qt."""

__version__ = "0.1.0"
