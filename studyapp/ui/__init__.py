"""Everything that imports Qt lives under this package, and nothing outside it does."""
