"""Presentation mode (View > Presentation, F5). Placeholder until filled."""


def install_presentation(window) -> None:
    """Add View > Presentation (F5) to window.view_menu; `window.document` is the PlanDocument."""
