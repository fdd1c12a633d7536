"""The Insight menu's pages: statistics, the positions timeline, the progress export."""
