"""Home: the list of banks, their counts, and the banks that failed to load."""
