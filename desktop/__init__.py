"""KMS Cost Planner's PySide6 desktop app: Qt models, views and commands; `core` does the sums."""
