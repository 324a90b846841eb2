"""Data files (price catalogs, sample plans, icons); a package only so that wheels carry it."""
