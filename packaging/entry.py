"""The frozen app's entry script: the same `kms-planner` entry as the installed command."""

from desktop.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
